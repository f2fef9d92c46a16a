import type { APIRoute } from 'astro';
import { routeApiRequest } from '../api/router.ts';
import { errorResponse } from '../http/app-error.ts';
import { getNodeDeps, nodeResponseCache } from './node-deps.ts';

// Node build only: every /api request goes to the same handlers the Netlify functions mount.
export const prerender = false;

export const ALL: APIRoute = ({ request }) =>
  getNodeDeps().then((deps) => routeApiRequest(request, deps, { cache: nodeResponseCache }), (error: unknown) => errorResponse(error));
