// POST /api/login on Netlify. Netlify's rate limit (enforced by the CDN on a deploy, not by
// `netlify serve`) counts every login request per client address and domain: at most 10 per
// 3 minutes, plenty for people, 200 guesses an hour for a script. The in-process limiter counts
// failed passwords too, but only within one warm function instance.
import type { Config, Context } from '@netlify/functions';
import { createFailedLoginLimiter } from '../../src/auth/failed-login-limiter.ts';
import { handleLogin } from '../../src/auth/login-handler.ts';
import { netlifyConfig } from '../../src/auth/netlify-env.ts';

const limiter = createFailedLoginLimiter();

export default (request: Request, context: Context) =>
  handleLogin(request, {
    config: netlifyConfig(process.env, context.deploy?.context),
    now: () => new Date(),
    limiter,
    clientAddress: context.ip,
    log: (message) => console.log(message),
  });

export const config: Config = {
  path: '/api/login',
  method: 'POST',
  rateLimit: { windowLimit: 10, windowSize: 180, aggregateBy: ['ip', 'domain'] },
};
