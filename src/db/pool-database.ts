import type { DatabaseKind } from '../config/config.ts';
import { toDatabaseError, type Database } from './database.ts';
import { pgTypes } from './normalize-types.ts';
import { inlineParameters, quoteParametersSql } from './inline-parameters.ts';
import { SESSION_SETTINGS_SQL, sessionSettingsParams, type SessionSettings } from './session-settings.ts';

/** The slice of the pg Pool API that both node-postgres and @neondatabase/serverless implement. */
export interface PoolClientLike {
  query(config: { text: string; values?: unknown[]; types?: unknown; rowMode?: 'array' }): Promise<{ rows: unknown[] }>;
  release(destroy?: boolean | Error): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
export interface PoolLike {
  connect(): Promise<PoolClientLike>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PoolOptions {
  connectionString: string;
  max: number;
  connectionTimeoutMillis: number;
  idleTimeoutMillis: number;
  /** Client-side bound so a vanished server still gets an answer shortly after the server-side timeout. */
  query_timeout: number;
  types: typeof pgTypes;
  application_name: string;
}

export function poolOptions(url: string, settings: SessionSettings): PoolOptions {
  return {
    connectionString: url,
    max: 5,
    // Waiting for a connection counts against the same budget as the statement: a frozen server
    // must still get its 503 within the statement timeout (+1 s), however short that is set.
    connectionTimeoutMillis: Math.min(3000, settings.statementTimeoutMs),
    idleTimeoutMillis: 30_000,
    query_timeout: settings.statementTimeoutMs + 1000,
    types: pgTypes,
    application_name: 'payments-dashboard',
  };
}

/**
 * How a driver runs `copy … to stdout` on one of its clients, output collected (pg-driver.ts);
 * absent for drivers without COPY.
 */
export type CopyOut = (client: PoolClientLike, sql: string) => Promise<Uint8Array<ArrayBuffer>>;

/** Wraps a pg-compatible pool: settings applied once per physical connection, errors mapped. */
export function poolDatabase(kind: DatabaseKind, pool: PoolLike, settings: SessionSettings, copyOut?: CopyOut): Database {
  const configured = new WeakSet<PoolClientLike>();
  const guarded = new WeakSet<PoolClientLike>();
  const settingsParams = sessionSettingsParams(settings);
  // An idle connection dropped by the server emits 'error' on the pool; unhandled, it would crash
  // the process. The next query simply opens a new connection.
  pool.on('error', () => {});

  /** A configured client for `work`, released after it (destroyed when its state is unknown). */
  async function withClient<T>(work: (client: PoolClientLike) => Promise<T>): Promise<T> {
    let client: PoolClientLike;
    try {
      client = await pool.connect();
    } catch (error) {
      throw toDatabaseError(error);
    }
    // The pool listens for errors only on idle clients. When the server goes away while a client
    // is checked out (fast shutdown, failover), pg also emits 'error' on that client — between
    // two queries, or just after the failed query rejects but before it is released — and an
    // 'error' event nobody listens to crashes the process. The query still fails and the
    // connection is discarded; the listener only has to exist.
    if (!guarded.has(client)) {
      client.on('error', () => {});
      guarded.add(client);
    }
    let destroy = false;
    try {
      if (!configured.has(client)) {
        await client.query({ text: SESSION_SETTINGS_SQL, values: settingsParams });
        configured.add(client);
      }
      return await work(client);
    } catch (error) {
      const mapped = toDatabaseError(error);
      // After a connection fault or a client-side timeout the socket's state is unknown.
      destroy = mapped.reason === 'unavailable' || (mapped.reason === 'timeout' && mapped.sqlState === undefined);
      throw mapped;
    } finally {
      client.release(destroy);
    }
  }

  const database: Database = {
    kind,
    async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
      return withClient(async (client) => (await client.query({ text, values: [...params], types: pgTypes })).rows as Row[]);
    },
    async close() {
      await pool.end();
    },
  };
  if (copyOut) {
    database.copyCsv = (text, params = []) => withClient(async (client) => {
      const literals = params.length === 0 ? [] : (await client.query({ text: quoteParametersSql(params.length), values: [...params], rowMode: 'array' })).rows[0] as string[];
      return copyOut(client, `copy (${inlineParameters(text, literals)}) to stdout with (format csv)`);
    });
  }
  return database;
}
