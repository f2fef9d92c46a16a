// GET /api/overview/recovery on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleOverviewRecovery } from '../../src/api/handlers/overview-recovery.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleOverviewRecovery);

export const config: Config = { path: '/api/overview/recovery', method: 'GET' };
