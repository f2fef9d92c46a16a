/**
 * The route table exists once (src/api/router.ts). Netlify reads each function's `config.path`
 * and method without running the file, so they stay literals; this proves every function serves
 * exactly one row of the table, with that row's handler, and that every row has its function.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ROUTES, routeApiRequest } from '../../src/api/router.ts';
import type { Handler } from '../../src/api/deps.ts';
import type { Database } from '../../src/db/database.ts';
import { testDeps } from './support/fixture-database.ts';

const FUNCTIONS = new URL('../../netlify/functions/', import.meta.url);

interface FunctionModule {
  default: ((request: Request, context: unknown) => Promise<Response>) & { handler?: Handler };
  config: { path?: string; method?: string; schedule?: string };
}

const mounted = await Promise.all(
  readdirSync(FUNCTIONS).filter((file) => file.endsWith('.mts')).sort().map(async (file) => ({
    file,
    module: (await import(new URL(file, FUNCTIONS).href)) as FunctionModule,
  })),
);
const apiFunctions = mounted.filter(({ module }) => module.config.path !== undefined);

describe('netlify/functions and the route table', () => {
  it('finds the functions: every API function plus the scheduled alerts check', () => {
    expect(apiFunctions.length).toBe(API_ROUTES.length);
    expect(mounted.filter(({ module }) => module.config.path === undefined).map(({ file, module }) => [file, module.config.schedule])).toEqual([
      ['alerts-check.mts', '*/15 * * * *'],
    ]);
  });

  it.each(apiFunctions.map(({ file, module }) => [file, module] as const))('%s serves its row: same path, method and handler', (_file, module) => {
    const route = API_ROUTES.find((candidate) => candidate.path === module.config.path);
    expect(route, `no row for ${module.config.path}`).toBeDefined();
    expect(module.config.method).toBe(route!.method);
    expect(module.default.handler).toBe(route!.handler);
  });

  it('every row has exactly one function', () => {
    for (const route of API_ROUTES) {
      expect(apiFunctions.filter(({ module }) => module.config.path === route.path).map(({ file }) => file), route.path).toHaveLength(1);
    }
  });
});

describe('the Node router and the route table', () => {
  // A refused method is answered before any handler runs, so no database is asked.
  const unused: Database = { kind: 'pg', query: () => Promise.reject(new Error('no query expected')), close: async () => {} };

  it.each(API_ROUTES.map((route) => [route.path, route] as const))('%s: the router matches the path and allows exactly its method', async (_path, route) => {
    const path = route.path.replace(/:\w+$/, 'ch_route_table');
    const response = await routeApiRequest(new Request(`http://dash.test${path}`, { method: 'PUT' }), testDeps(unused));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(route.method);
  });
});
