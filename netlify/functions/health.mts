// GET /api/health on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleHealth } from '../../src/api/handlers/health.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleHealth);

export const config: Config = { path: '/api/health', method: 'GET' };
