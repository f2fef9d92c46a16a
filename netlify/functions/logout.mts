// POST /api/logout on Netlify: clears the session cookie.
import type { Config } from '@netlify/functions';
import { handleLogout } from '../../src/auth/logout-handler.ts';

export default (request: Request) => handleLogout(request);

export const config: Config = { path: '/api/logout', method: 'POST' };
