import type { Deps, Handler } from './deps.ts';
import { AppError, errorResponse } from '../http/app-error.ts';
import { handleHealth } from './handlers/health.ts';

interface Route {
  method: 'GET' | 'POST';
  path: string;
  handler: Handler;
}

/**
 * Every /api route the Node build serves through one Astro catch-all route. Netlify mounts the
 * same handlers one function each (netlify/functions), so this table is the Node side's only
 * extra knowledge.
 */
export const API_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/api/health', handler: handleHealth },
];

export async function routeApiRequest(request: Request, deps: Deps): Promise<Response> {
  const { pathname } = new URL(request.url);
  const matches = API_ROUTES.filter((route) => route.path === pathname);
  try {
    if (matches.length === 0) throw new AppError(404, 'not_found', `No API route ${pathname}`);
    const route = matches.find((candidate) => candidate.method === request.method || (request.method === 'HEAD' && candidate.method === 'GET'));
    if (!route) {
      throw new AppError(405, 'method_not_allowed', `${request.method} is not allowed on ${pathname}`, {
        headers: { allow: matches.map((m) => m.method).join(', ') },
      });
    }
    return await route.handler(request, deps);
  } catch (error) {
    return errorResponse(error, deps.log);
  }
}
