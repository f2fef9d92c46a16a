/**
 * The layering README "How it is built" describes, as rules: `npx depcruise src netlify` prints
 * every import cycle and every import against the layering. Not yet part of npm test: one
 * violation remains (auth/node-routes -> api, which goes with login as an ordinary handler), and
 * the check joins the suite once it is gone.
 */
const layer = (folder) => `^src/${folder}/`;
const allowed = {
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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|dist-node|\\.astro|\\.netlify|\\.tmp)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs'] },
  },
};
