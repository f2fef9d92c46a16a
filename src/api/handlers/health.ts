import type { HealthResponse } from '../../contract/service.ts';
import type { Deps } from '../deps.ts';
import { jsonResponse } from '../../http/json-response.ts';
import { AppError } from '../../http/app-error.ts';
import { DatabaseError } from '../../db/database.ts';
import type { MartDiagnosis } from '../../queries/mart-diagnosis.ts';

/** What health says about the marts: the status and, when not ok, which table and setting (names only). */
function martsReport(diagnosis: MartDiagnosis | undefined) {
  if (!diagnosis) return { status: 'unknown' as const };
  if (diagnosis.status === 'ok') return { status: 'ok' as const };
  const [first] = diagnosis.problems;
  return { status: diagnosis.status, message: first!.message, table: first!.table, setting: first!.setting, problems: diagnosis.problems };
}

/** Liveness, database reachability and the marts' diagnosis. No login, no data, no secrets, never cached. */
export async function handleHealth(_request: Request, deps: Deps): Promise<Response> {
  const started = performance.now();
  let reachable = true;
  try {
    await deps.db.query('select 1');
  } catch (error) {
    // A marts_* refusal means the database answered the catalog: reachable, diagnosed below.
    if (error instanceof DatabaseError) reachable = false;
    else if (!(error instanceof AppError)) throw error;
  }
  const latencyMs = Math.round(performance.now() - started);
  // A database that stops answering between the probe and the diagnosis leaves the marts 'unknown'.
  const diagnosis = reachable ? await deps.marts.current().catch(() => undefined) : undefined;
  const healthy = diagnosis?.status === 'ok';
  const body = {
    status: healthy ? 'ok' : 'degraded',
    database: { kind: deps.db.kind, status: reachable ? 'ok' : 'unavailable', latencyMs },
    marts: martsReport(diagnosis),
    demo: deps.db.kind === 'pglite',
  } satisfies HealthResponse;
  return jsonResponse(body, { status: healthy ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
