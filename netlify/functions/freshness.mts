// GET /api/freshness on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleFreshness } from '../../src/api/handlers/freshness.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleFreshness);

export const config: Config = { path: '/api/freshness', method: 'GET' };
