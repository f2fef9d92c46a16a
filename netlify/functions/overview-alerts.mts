// GET /api/overview/alerts on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleOverviewAlerts } from '../../src/api/handlers/overview-alerts.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleOverviewAlerts);

export const config: Config = { path: '/api/overview/alerts', method: 'GET' };
