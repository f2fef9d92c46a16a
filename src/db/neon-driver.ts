import { Pool, neonConfig } from '@neondatabase/serverless';
import type { Database } from './database.ts';
import { poolDatabase, poolOptions, type PoolLike } from './pool-database.ts';
import type { SessionSettings } from './session-settings.ts';

export type NeonConfigOverrides = Partial<Pick<typeof neonConfig,
  'webSocketConstructor' | 'wsProxy' | 'useSecureWebSocket' | 'pipelineTLS' | 'pipelineConnect'>>;

/**
 * @neondatabase/serverless over WebSockets, for Neon and Netlify DB. Its Pool speaks the pg API,
 * so the same pool wrapper serves it. `overrides` exists so tests can route it through a local
 * WebSocket→TCP proxy to a plain PostgreSQL.
 */
export function createNeonDatabase(url: string, settings: SessionSettings, overrides: NeonConfigOverrides = {}): Database {
  Object.assign(neonConfig, overrides);
  const pool = new Pool(poolOptions(url, settings)) as unknown as PoolLike;
  return poolDatabase('neon', pool, settings);
}
