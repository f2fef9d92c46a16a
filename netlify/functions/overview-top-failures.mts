// GET /api/overview/top-failures on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleOverviewTopFailures } from '../../src/api/handlers/overview-top-failures.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleOverviewTopFailures);

export const config: Config = { path: '/api/overview/top-failures', method: 'GET' };
