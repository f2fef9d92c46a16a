// GET /api/overview/retry-hygiene on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleOverviewRetryHygiene } from '../../src/api/handlers/overview-retry-hygiene.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleOverviewRetryHygiene);

export const config: Config = { path: '/api/overview/retry-hygiene', method: 'GET' };
