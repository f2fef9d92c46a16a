import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

/** The Procfile's server, written beside the Astro bundle by the Node build. */
export const SERVER_BUNDLE = 'serve.mjs';

/**
 * src/cli/serve.ts as one JavaScript module (dependencies stay imports from node_modules), so the
 * web process never loads Node's TypeScript stripper: importing a single .ts file costs 16 MB of
 * resident memory (its WebAssembly compiler), which was the difference between the full 10M
 * export's peak RSS and the 200 MB budget.
 */
async function bundleServer(root: URL, outDir: URL): Promise<void> {
  // Loaded here, by the Node build only: esbuild is a build tool, absent from a pruned Heroku slug.
  const { build } = await import('esbuild');
  await build({
    entryPoints: [fileURLToPath(new URL('src/cli/serve.ts', root))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    outfile: fileURLToPath(new URL(SERVER_BUNDLE, outDir)),
    logLevel: 'warning',
  });
}

/**
 * Registers the server-side parts only the Node build has (Starlight-style injectRoute): on
 * Netlify, Functions serve /api and the edge function guards requests instead.
 *
 * The session guard is Astro middleware. @astrojs/node's standalone server answers prerendered
 * pages straight from disk without running middleware, so in this build every page is rendered
 * on demand (the same HTML, a millisecond each) and none can be read without a session.
 */
export function nodeServer(): AstroIntegration {
  let root: URL;
  let outDir: URL;
  return {
    name: 'payments-dashboard-node-server',
    hooks: {
      'astro:config:setup': ({ config, injectRoute, addMiddleware }) => {
        injectRoute({ pattern: '/api/[...path]', entrypoint: './src/server/api-route.ts', prerender: false });
        addMiddleware({ entrypoint: new URL('./src/server/middleware.ts', config.root), order: 'pre' });
      },
      'astro:config:done': ({ config }) => {
        root = config.root;
        outDir = config.outDir;
      },
      'astro:route:setup': ({ route }) => {
        if (route.component.startsWith('src/pages/')) route.prerender = false;
      },
      'astro:build:done': async () => {
        await bundleServer(root, outDir);
      },
    },
  };
}
