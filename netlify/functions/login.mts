// POST /api/login on Netlify; the handler is shared with the Node build (src/api/router.ts).
// Netlify's rate limit (enforced by the CDN on a deploy, not by `netlify serve`) counts every
// login request per client address and domain: at most 10 per 3 minutes, plenty for people,
// 200 guesses an hour for a script. The in-process limiter (Deps.loginLimiter) counts failed
// passwords too, but only within one warm function instance.
import type { Config } from '@netlify/functions';
import { handleLogin } from '../../src/auth/login-handler.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleLogin);

export const config: Config = {
  path: '/api/login',
  method: 'POST',
  rateLimit: { windowLimit: 10, windowSize: 180, aggregateBy: ['ip', 'domain'] },
};
