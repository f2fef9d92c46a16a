// GET /api/overview/daily on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleOverviewDaily } from '../../src/api/handlers/overview-daily.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleOverviewDaily);

export const config: Config = { path: '/api/overview/daily', method: 'GET' };
