// @ts-check
import { defineConfig } from 'astro/config';
import preact from '@astrojs/preact';
import netlify from '@astrojs/netlify';
import node from '@astrojs/node';
import { nodeServer } from './src/server/node-integration.ts';

// One codebase, two deploy targets: Netlify (default; `npm run build`) and any Node host such as
// Heroku (`npm run build:node`, DEPLOY_TARGET=node). Pages are static either way.
const target = process.env.DEPLOY_TARGET === 'node' ? 'node' : 'netlify';

export default defineConfig({
  output: 'static',
  outDir: target === 'node' ? './dist-node' : './dist',
  adapter: target === 'node' ? node({ mode: 'standalone' }) : netlify(),
  integrations: [preact(), ...(target === 'node' ? [nodeServer()] : [])],
  build: { inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
});
