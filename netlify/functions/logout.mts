// POST /api/logout on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleLogout } from '../../src/auth/logout-handler.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleLogout);

export const config: Config = { path: '/api/logout', method: 'POST' };
