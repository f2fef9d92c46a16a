import type { AstroIntegration } from 'astro';

/**
 * Registers the server-side parts only the Node build has (Starlight-style injectRoute): on
 * Netlify, Functions serve /api and the edge function guards requests instead.
 *
 * The session guard is Astro middleware. @astrojs/node's standalone server answers prerendered
 * pages straight from disk without running middleware, so in this build every page is rendered
 * on demand (the same HTML, a millisecond each) and none can be read without a session.
 */
export function nodeServer(): AstroIntegration {
  return {
    name: 'payments-dashboard-node-server',
    hooks: {
      'astro:config:setup': ({ config, injectRoute, addMiddleware }) => {
        injectRoute({ pattern: '/api/[...path]', entrypoint: './src/server/api-route.ts', prerender: false });
        addMiddleware({ entrypoint: new URL('./src/server/middleware.ts', config.root), order: 'pre' });
      },
      'astro:route:setup': ({ route }) => {
        if (route.component.startsWith('src/pages/')) route.prerender = false;
      },
    },
  };
}
