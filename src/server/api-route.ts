import type { APIRoute } from 'astro';
import { routeNodeApiRequest } from '../runtime/node-api.ts';

// Node build only: every /api request goes to the same handlers the Netlify functions mount.
export const prerender = false;

export const ALL: APIRoute = ({ request, clientAddress }) => routeNodeApiRequest(request, clientAddress);
