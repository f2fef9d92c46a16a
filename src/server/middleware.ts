// Node build only (registered by src/server/node-integration.ts): what the Netlify edge function
// does, as Astro middleware. All of it is in src/auth/protect.ts.
import { defineMiddleware } from 'astro:middleware';
import { parseConfig, type Config } from '../config/config.ts';
import { authSettings } from '../auth/auth-settings.ts';
import { clientAddressBehindProxies, rememberClientAddress, trustedProxyHops } from '../auth/client-address.ts';
import { protect } from '../auth/protect.ts';

let node: { config: Config; proxyHops: number } | undefined;

export const onRequest = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  const { request } = context;
  return protect(request, {
    loadSettings: async () => {
      node ??= { config: parseConfig(process.env), proxyHops: trustedProxyHops(process.env) };
      // For the failed-login limit behind /api/login (src/auth/node-routes.ts).
      rememberClientAddress(request, clientAddressBehindProxies(request.headers.get('x-forwarded-for'), context.clientAddress, node.proxyHops));
      return authSettings(node.config);
    },
    now: new Date(),
    next: () => next(),
  });
});
