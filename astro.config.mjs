// @ts-check
import { defineConfig } from 'astro/config';
import preact from '@astrojs/preact';
import netlify from '@astrojs/netlify';
import node from '@astrojs/node';
import { nodeServer } from './src/server/node-integration.ts';
import { PAGE_CSP_DIRECTIVES } from './src/auth/security-headers.ts';

// One codebase, two deploy targets: Netlify (default; `npm run build`) and any Node host such as
// Heroku (`npm run build:node`, DEPLOY_TARGET=node). Pages are static on Netlify; the Node build renders
// them on demand so its middleware can guard them (src/server/node-integration.ts).
const target = process.env.DEPLOY_TARGET === 'node' ? 'node' : 'netlify';

export default defineConfig({
  output: 'static',
  outDir: target === 'node' ? './dist-node' : './dist',
  adapter: target === 'node' ? node({ mode: 'standalone' }) : netlify(),
  integrations: [preact(), ...(target === 'node' ? [nodeServer()] : [])],
  build: { inlineStylesheets: 'never' },
  security: {
    // Astro hashes the inline scripts and styles it emits (island hydration) into script-src and
    // style-src; the edge function / middleware send that policy as a header (src/auth/security-headers.ts).
    csp: { directives: [...PAGE_CSP_DIRECTIVES] },
    // Astro's own check compares Origin with the URL the Node server sees, which is http:// behind
    // Heroku's TLS-terminating router, so it would refuse every real login. Login and logout check
    // the origin themselves (src/auth/same-origin.ts); other POSTs need the SameSite=Lax cookie.
    checkOrigin: false,
  },
  devToolbar: { enabled: false },
  vite: {
    // Browser code the pages share (Preact, src/ui, src/contract) goes into one chunk instead of the
    // five small ones Rolldown splits it into by default: every page loaded them all anyway, and one
    // file gzips ~600 B smaller (one dictionary, no imports between them) in fewer requests. A module
    // only one page uses stays in that page's bundle (minShareCount).
    environments: {
      client: {
        build: {
          rolldownOptions: {
            output: { codeSplitting: { groups: [{ name: 'shared', test: /\/(node_modules\/preact|src\/(ui|contract))\//, minShareCount: 2 }] } },
          },
        },
      },
    },
  },
});
