import type { AstroIntegration } from 'astro';

/**
 * Registers the server-side parts only the Node build has (Starlight-style injectRoute): on
 * Netlify, Functions serve /api and the edge function guards requests instead.
 */
export function nodeServer(): AstroIntegration {
  return {
    name: 'payments-dashboard-node-server',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({ pattern: '/api/[...path]', entrypoint: './src/server/api-route.ts', prerender: false });
      },
    },
  };
}
