import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.ts';
import type { Database } from '../../src/db/database.ts';
import { martTables } from '../../src/marts/mart-tables.ts';
import { createDemoDatabase } from '../../src/runtime/demo-database.ts';

describe('createDemoDatabase (PGlite)', () => {
  const config = parseConfig({ DEMO_CHARGES: '2000' });
  const tables = martTables(config);
  let db: Database;
  const before = Date.now();

  beforeAll(async () => {
    db = await createDemoDatabase(config);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('holds exactly DEMO_CHARGES charges ending now, and a daily mart built from them', async () => {
    const [detail] = await db.query<{ n: number; latest: string; earliest: string }>(
      `select count(*)::int as n, max(created_at) as latest, min(created_at) as earliest from ${tables.payments}`,
    );
    expect(detail!.n).toBe(2000);
    expect(Date.parse(detail!.latest)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(detail!.latest)).toBeGreaterThan(before - 3 * 86_400_000);
    expect(Date.parse(detail!.earliest)).toBeGreaterThan(before - 201 * 86_400_000);
    const [daily] = await db.query<{ attempts: number; currencies: number }>(
      `select sum(total_attempts)::int as attempts, count(distinct currency)::int as currencies from ${tables.daily}`,
    );
    expect(daily).toEqual({ attempts: 2000, currencies: 3 });
  });

  it('is read-only', async () => {
    await expect(db.query(`delete from ${tables.payments}`)).rejects.toMatchObject({ reason: 'read_only' });
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${tables.payments}`);
    expect(row!.n).toBe(2000);
  });
});
