import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.ts';
import { DatabaseError } from '../../src/db/database.ts';
import { handleLogin } from '../../src/auth/login-handler.ts';
import { createRuntimeDeps, onceUntilFailure } from '../../src/runtime/runtime-deps.ts';
import { charge } from '../helpers/charge-fixture.ts';
import { createMartDatabase } from '../helpers/postgres.ts';

describe('createRuntimeDeps', () => {
  // Nothing listens on port 1: any connection attempt fails at once.
  const config = parseConfig({ DATABASE_URL: 'postgresql://reader@127.0.0.1:1/marts', DASHBOARD_PASSWORD: 'team password' });

  it('opens the database on the first query, so a login never waits for it', async () => {
    const deps = createRuntimeDeps(config, async () => {});
    const form = new URLSearchParams({ password: 'team password', next: '/' });
    const login = await handleLogin(new Request('http://dash.test/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://dash.test', 'sec-fetch-site': 'same-origin' },
      body: form.toString(),
    }), { ...deps, clientAddress: '203.0.113.1' });
    expect(login.status).toBe(303);
    expect(login.headers.getSetCookie()).toHaveLength(1);
    await expect(deps.db.query('select 1')).rejects.toBeInstanceOf(DatabaseError);
    // Tried again, not remembered as failed for good.
    await expect(deps.db.query('select 1')).rejects.toBeInstanceOf(DatabaseError);
    await deps.db.close();
  });

  it('closes a database it never opened without opening it', async () => {
    await expect(createRuntimeDeps(config, async () => {}).db.close()).resolves.toBeUndefined();
  });

  it('keeps node-postgres COPY for the CSV export, behind the marts check', async () => {
    const scratch = await createMartDatabase([charge({ charge_id: 'ch_copy', created_at: '2026-03-01T10:00:00Z' })]);
    const deps = createRuntimeDeps(parseConfig({ DATABASE_URL: scratch.url, DASHBOARD_PASSWORD: 'team password' }), async () => {});
    try {
      expect(deps.db.copyCsv).toBeTypeOf('function');
      const bytes = await deps.db.copyCsv!(`select charge_id, $1::text from ${deps.tables.payments}`, ['a,"b"']);
      expect(new TextDecoder().decode(bytes)).toBe('ch_copy,"a,""b"""\n');
    } finally {
      await deps.db.close();
      await scratch.drop();
    }
  });

  it('has no COPY where the driver has none (the embedded demo database, Neon)', () => {
    expect(createRuntimeDeps(parseConfig({}), async () => {}).db.copyCsv).toBeUndefined();
    const neon = parseConfig({ DATABASE_URL: 'postgresql://reader@ep-x.us-east-2.aws.neon.tech/marts', DASHBOARD_PASSWORD: 'team password' });
    expect(createRuntimeDeps(neon, async () => {}).db.copyCsv).toBeUndefined();
  });
});

describe('onceUntilFailure', () => {
  it('shares one build between callers and keeps its result', async () => {
    let builds = 0;
    const get = onceUntilFailure(async (label: string) => `${label} #${++builds}`);
    expect(await Promise.all([get('first'), get('second')])).toEqual(['first #1', 'first #1']);
    expect(await get('third')).toBe('first #1');
    expect(builds).toBe(1);
  });

  it('forgets a failed build so the next call tries again', async () => {
    let builds = 0;
    const get = onceUntilFailure(async () => {
      builds++;
      if (builds === 1) throw new Error('database down');
      return 'ready';
    });
    await expect(get()).rejects.toThrow('database down');
    expect(await get()).toBe('ready');
    expect(await get()).toBe('ready');
    expect(builds).toBe(2);
  });
});
