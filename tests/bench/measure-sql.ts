import pg from 'pg';
import type { Deps } from '../../src/api/deps.ts';
import { routeApiRequest } from '../../src/api/router.ts';
import type { Database } from '../../src/db/database.ts';
import { timeIt } from './stats.ts';

export interface Statement {
  text: string;
  params: readonly unknown[];
}

/**
 * Runs one API request in-process through the real handler with a database that records every
 * statement it is sent, so the benchmark can time exactly that SQL on its own.
 */
export async function captureStatements(deps: Deps, url: string): Promise<Statement[]> {
  const recorded: Statement[] = [];
  const recording: Database = {
    kind: deps.db.kind,
    query: (text, params = []) => {
      recorded.push({ text, params });
      return deps.db.query(text, params);
    },
    close: () => deps.db.close(),
  };
  const response = await routeApiRequest(new Request(url), { ...deps, db: recording });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status} in-process`);
  return recorded;
}

/**
 * The same statements on a plain pg connection in the reporting zone, one after another, `runs`
 * times: the floor the handler is compared with (handler ÷ SQL = the layer's overhead).
 */
export async function timeStatements(url: string, timeZone: string, statements: readonly Statement[], runs: number): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("select set_config('TimeZone', $1, false)", [timeZone]);
    const run = async () => {
      for (const statement of statements) await client.query(statement.text, [...statement.params]);
    };
    await run(); // warm the plan and buffer caches as the HTTP runs are warmed
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await timeIt(run));
    return samples;
  } finally {
    await client.end();
  }
}
