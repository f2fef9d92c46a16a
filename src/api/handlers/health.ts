import type { Deps } from '../deps.ts';
import { jsonResponse } from '../../http/json-response.ts';

/** Liveness plus database reachability. No login, no data, no secrets, never cached. */
export async function handleHealth(_request: Request, deps: Deps): Promise<Response> {
  const started = performance.now();
  let database: 'ok' | 'unavailable' = 'ok';
  try {
    await deps.db.query('select 1');
  } catch {
    database = 'unavailable';
  }
  const body = {
    status: database === 'ok' ? 'ok' : 'degraded',
    database: { kind: deps.db.kind, status: database, latencyMs: Math.round(performance.now() - started) },
    demo: deps.db.kind === 'pglite',
  };
  return jsonResponse(body, { status: database === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
