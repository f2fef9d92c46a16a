// GET /api/overview/breakdown on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleOverviewBreakdown } from '../../src/api/handlers/overview-breakdown.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleOverviewBreakdown);

export const config: Config = { path: '/api/overview/breakdown', method: 'GET' };
