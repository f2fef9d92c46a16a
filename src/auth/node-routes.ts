/**
 * Login and logout as entries of the shared /api router on Node (src/api/router.ts). One
 * failed-login limiter for the whole process; the client address is the one the middleware
 * noted for this request (client-address.ts).
 */
import type { Deps } from '../api/deps.ts';
import { rememberedClientAddress } from './client-address.ts';
import { createFailedLoginLimiter } from './failed-login-limiter.ts';
import { handleLogin } from './login-handler.ts';
import { handleLogout } from './logout-handler.ts';

const limiter = createFailedLoginLimiter();

export function loginRoute(request: Request, deps: Deps): Promise<Response> {
  return handleLogin(request, { config: deps.config, now: deps.now, limiter, clientAddress: rememberedClientAddress(request), log: deps.log });
}

export function logoutRoute(request: Request): Promise<Response> {
  return handleLogout(request);
}
