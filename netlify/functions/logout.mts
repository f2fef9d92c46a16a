// POST /api/logout on Netlify: clears the session cookie.
import type { Config, Context } from '@netlify/functions';
import { handleLogout } from '../../src/auth/logout-handler.ts';
import { netlifyConfig } from '../../src/auth/netlify-env.ts';

export default (request: Request, context: Context) =>
  handleLogout(request, { config: netlifyConfig(process.env, context.deploy?.context) });

export const config: Config = { path: '/api/logout', method: 'POST' };
