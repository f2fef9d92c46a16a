import type { APIRoute } from 'astro';
import { routeApiRequest } from '../api/router.ts';
import { getNodeDeps } from './node-deps.ts';

// Node build only: every /api request goes to the same handlers the Netlify functions mount.
export const prerender = false;

export const ALL: APIRoute = async ({ request }) => routeApiRequest(request, await getNodeDeps());
