// POST /api/login on Netlify. Netlify's rate limit counts every request per client address and
// domain (a coarse ceiling); the in-process limiter counts failed passwords, per warm instance.
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
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
