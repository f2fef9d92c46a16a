import pg from 'pg';
import type { Deps } from '../../src/api/deps.ts';
import { routeApiRequest } from '../../src/api/router.ts';
import type { Database } from '../../src/db/database.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import { sessionSettingsFor } from '../../src/runtime/session-settings.ts';
import { timeIt } from './stats.ts';

export interface Statement {
  text: string;
  params: readonly unknown[];
  /** Sent as COPY … TO STDOUT (the CSV export's lines on node-postgres) rather than as a query. */
  copy?: boolean;
}

/** One recording wrapper per database, so what it caches per database (a rollup's presence) stays cached as in the server. */
const recorders = new WeakMap<Database, { db: Database; sink: Statement[] }>();

function recorderFor(db: Database) {
  let recorder = recorders.get(db);
  if (!recorder) {
    const recording: Database = {
      kind: db.kind,
      query: (text, params = []) => {
        recorder!.sink.push({ text, params });
        return db.query(text, params);
      },
      close: () => db.close(),
    };
    const { copyCsv } = db;
    if (copyCsv) {
      recording.copyCsv = (text, params = []) => {
        recorder!.sink.push({ text, params, copy: true });
        return copyCsv.call(db, text, params);
      };
    }
    recorder = { db: recording, sink: [] as Statement[] };
    recorders.set(db, recorder);
  }
  return recorder;
}

/**
 * Runs one API request in-process through the real handler with a database that records every
 * statement it is sent, so the benchmark can time exactly that SQL on its own. The request is
 * run twice and the second one's statements kept: the server answers its requests with the
 * once-a-minute catalog checks (rollup presence) already done.
 */
export async function captureStatements(deps: Deps, url: string): Promise<Statement[]> {
  const recorder = recorderFor(deps.db);
  for (let run = 0; run < 2; run++) {
    recorder.sink = [];
    const response = await routeApiRequest(new Request(url), { ...deps, db: recorder.db });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status} in-process`);
  }
  return recorder.sink;
}

export interface StatementTimer {
  /** One run of every statement, one after another: its duration in ms. */
  sample(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The same statements on a plain pg connection in the reporting zone: the floor the handler is
 * compared with (handler − SQL = the layer's overhead). Opened once, then sampled as often as
 * wanted, so its samples can be taken between the HTTP ones rather than minutes apart.
 */
export async function openStatementTimer(url: string, timeZone: string, statements: readonly Statement[]): Promise<StatementTimer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A COPY goes through the driver's own path (the server quotes its values first), on one connection.
  const copier = statements.some((statement) => statement.copy)
    ? createPgDatabase(url, sessionSettingsFor({ statementTimeoutMs: 600_000, reportingTimezone: timeZone }))
    : undefined;
  const close = async () => {
    await client.end();
    await copier?.close();
  };
  const run = async () => {
    for (const statement of statements) {
      if (statement.copy) await copier!.copyCsv!(statement.text, statement.params);
      else await client.query(statement.text, [...statement.params]);
    }
  };
  try {
    await client.query("select set_config('TimeZone', $1, false)", [timeZone]);
    await run(); // warm the plan and buffer caches as the HTTP runs are warmed
  } catch (error) {
    await close();
    throw error;
  }
  return { sample: () => timeIt(run), close };
}

/** `runs` samples of the statements in a row. */
export async function timeStatements(url: string, timeZone: string, statements: readonly Statement[], runs: number): Promise<number[]> {
  const timer = await openStatementTimer(url, timeZone, statements);
  try {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await timer.sample());
    return samples;
  } finally {
    await timer.close();
  }
}
