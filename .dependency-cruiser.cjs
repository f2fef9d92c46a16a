/**
 * The layering README "How it is built" describes, as rules: no import cycles between files, and
 * each folder of src/ (and netlify/) imports only the folders listed for it. `npm test` runs it
 * (tests/architecture/dependency-rules.test.ts fails naming every cycle and every import against
 * it); `npx depcruise src netlify --config .dependency-cruiser.cjs` prints the same by hand.
 * Astro files (.astro) are not read; the browser folders are kept apart from Node by
 * tsconfig.browser.json as well.
 */
const layer = (folder) => `^src/${folder}/`;
/** The runtime-neutral server core and the composition root: what the adapters build on. */
const serverSide = ['runtime', 'demo', 'api', 'alerts', 'queries', 'auth', 'cache', 'http', 'marts', 'db', 'config', 'contract'];
const allowed = {
  // Adapters: each may use the server side, none another adapter (netlify/ has its own rule below).
  server: serverSide,
  cli: serverSide,
  runtime: ['api', 'alerts', 'auth', 'demo', 'http', 'db', 'marts', 'cache', 'config', 'contract'],
  contract: [],
  config: ['contract'],
  db: ['config', 'contract'],
  marts: ['db', 'config', 'contract'],
  http: ['db', 'config', 'contract'],
  cache: ['config', 'contract'],
  auth: ['http', 'config', 'contract'],
  queries: ['marts', 'db', 'config', 'contract'],
  api: ['auth', 'queries', 'cache', 'http', 'marts', 'db', 'config', 'contract', 'alerts'],
  alerts: ['queries', 'cache', 'http', 'marts', 'db', 'config', 'contract'],
  demo: ['marts', 'db', 'config', 'contract'],
  ui: ['contract'],
  charts: ['ui', 'contract'],
  islands: ['charts', 'ui', 'contract'],
  layouts: ['ui', 'contract'],
};

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles between files.', from: {}, to: { circular: true } },
    ...Object.entries(allowed).map(([folder, may]) => ({
      name: `layer-${folder}`,
      severity: 'error',
      comment: `src/${folder}/ may import only ${may.length ? may.map((m) => `src/${m}/`).join(', ') : 'nothing of ours'} (README "How it is built").`,
      from: { path: layer(folder) },
      to: { path: '^(src|netlify)/', pathNot: [layer(folder), ...may.map(layer)] },
    })),
    {
      name: 'layer-netlify',
      severity: 'error',
      comment: `netlify/ may import only ${serverSide.map((m) => `src/${m}/`).join(', ')} (README "How it is built").`,
      from: { path: '^netlify/' },
      to: { path: '^(src|netlify)/', pathNot: ['^netlify/', ...serverSide.map(layer)] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|dist-node|\\.astro|\\.netlify|\\.tmp)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs'] },
  },
};
