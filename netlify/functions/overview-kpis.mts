// GET /api/overview/kpis on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleOverviewKpis } from '../../src/api/handlers/overview-kpis.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleOverviewKpis);

export const config: Config = { path: '/api/overview/kpis', method: 'GET' };
