// POST /api/refresh on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleRefresh } from '../../src/api/handlers/refresh.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleRefresh);

export const config: Config = { path: '/api/refresh', method: 'POST' };
