// Node build only (registered by src/server/node-integration.ts): what the Netlify edge function
// does, as Astro middleware (src/runtime/node-api.ts, which src/cli/serve.ts's /api uses too).
import { defineMiddleware } from 'astro:middleware';
import { protectNodeRequest } from '../runtime/node-api.ts';

export const onRequest = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  return protectNodeRequest(context.request, () => next());
});
