// Node build only (registered by src/server/node-integration.ts): what the Netlify edge function
// does, as Astro middleware. All of it is in src/auth/protect.ts.
import { defineMiddleware } from 'astro:middleware';
import { parseConfig, type Config } from '../config/config.ts';
import { authSettings } from '../auth/auth-settings.ts';
import { protect } from '../auth/protect.ts';

let config: Config | undefined;

export const onRequest = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  return protect(context.request, {
    loadSettings: async () => authSettings((config ??= parseConfig(process.env))),
    now: new Date(),
    next: () => next(),
  });
});
