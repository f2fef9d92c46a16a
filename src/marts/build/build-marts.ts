import { readFileSync } from 'node:fs';
import { isValidIdentifier } from '../../config/validators.ts';
import { qualifiedName, quoteIdentifier } from '../../db/identifiers.ts';
import { parseCsv } from '../decline-codes.ts';
import { DEFAULT_ACCEPTANCE_TABLE, DEFAULT_FAILURES_TABLE, DEFAULT_RETRY_HYGIENE_TABLE, DEFAULT_ALERT_SLOTS_TABLE, type MartNames } from '../../config/config.ts';
import { martTables } from '../mart-tables.ts';
import { martIndexesSql } from '../mart-files.ts';
import { BuildError } from './build-error.ts';
import { compileProject, SEED_NAME, type CompiledStep } from './compile-project.ts';
import { readSourceTables, SEED_PATH } from './dbt-project.ts';
import { LOADER_LABELS, type MartBuildSettings } from './mart-build-settings.ts';
import { checkRawTables } from './raw-check.ts';
import type { SqlClient } from './sql-client.ts';

export interface MartBuildResult {
  payments: number;
  daily: number;
  acceptance: number;
  failures: number;
  retryHygiene: number;
  alertSlots: number;
  seconds: number;
}

/** The role must be able to create the marts: never the dashboard's read-only one. */
async function checkWriteRole(client: SqlClient, schema: string): Promise<void> {
  const { rows } = await client.query(
    `select current_user as role,
            current_setting('default_transaction_read_only') = 'on' as read_only,
            case when exists (select 1 from pg_namespace where nspname = $1)
                 then has_schema_privilege($1, 'CREATE')
                 else has_database_privilege(current_database(), 'CREATE') end as may_create`,
    [schema],
  );
  const { role, read_only: readOnly, may_create: mayCreate } = rows[0] as { role: string; read_only: boolean; may_create: boolean };
  if (readOnly) {
    throw new BuildError(`role ${role} is read-only (default_transaction_read_only = on), like the dashboard's: build the marts with a role that may write schema ${schema}`);
  }
  if (!mayCreate) throw new BuildError(`role ${role} may not create tables in schema ${schema}: build the marts with a role that may`);
}

/** Who may read the marts today (the dashboard's role), so the rebuilt tables keep those grants. */
async function currentGrants(client: SqlClient, tables: readonly string[]): Promise<string[]> {
  const { rows } = await client.query(
    `select acl.privilege_type, case when acl.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(acl.grantee)) end as grantee,
            format('%I.%I', n.nspname, c.relname) as relation
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       cross join lateral aclexplode(c.relacl) acl
      where c.oid = any (select to_regclass(t)::oid from unnest($1::text[]) t) and acl.grantee <> c.relowner`,
    [tables],
  );
  return (rows as Array<{ privilege_type: string; grantee: string; relation: string }>)
    .map((row) => `grant ${row.privilege_type.toLowerCase()} on table ${row.relation} to ${row.grantee}`);
}

/** The mapping seed as a temporary table of text columns, named as its CSV header names them. */
async function loadSeed(client: SqlClient): Promise<void> {
  const [header, ...lines] = parseCsv(readFileSync(SEED_PATH, 'utf8'));
  if (!header) throw new BuildError(`${SEED_PATH} is empty`);
  const columns = header.map((name) => quoteIdentifier(name.trim()));
  await client.query(`create temporary table ${quoteIdentifier(SEED_NAME)} (${columns.map((c) => `${c} text`).join(', ')}) on commit drop`);
  if (lines.length === 0) return;
  const params: string[] = [];
  const tuples = lines.map((cells) => `(${header.map((_, i) => {
    params.push(cells[i]?.trim() ?? '');
    return `nullif($${params.length}, '')`;
  }).join(', ')})`);
  await client.query(`insert into ${quoteIdentifier(SEED_NAME)} values ${tuples.join(', ')}`, params);
}

async function count(client: SqlClient, table: string): Promise<number> {
  const { rows } = await client.query(`select count(*)::bigint as n from ${table}`);
  return Number((rows[0] as { n: string }).n);
}

/** The tables are built under these names beside the live ones, then swapped in. */
const BUILD_SUFFIX = '__build';

/**
 * Renames the freshly built tables (and their indexes, named after the table as indexes.sql
 * names them) to the live names, once the live tables are gone.
 */
async function swapIn(client: SqlClient, schema: string, pairs: ReadonlyArray<[building: string, live: string]>): Promise<void> {
  for (const [building, live] of pairs) {
    await client.query(`alter table ${qualifiedName(schema, building)} rename to ${quoteIdentifier(live)}`);
    const { rows } = await client.query('select indexname from pg_indexes where schemaname = $1 and tablename = $2', [schema, live]);
    for (const { indexname } of rows as Array<{ indexname: string }>) {
      if (!indexname.startsWith(`${building}_`)) continue;
      await client.query(`alter index ${qualifiedName(schema, indexname)} rename to ${quoteIdentifier(live + indexname.slice(building.length))}`);
    }
  }
}

/**
 * Rebuilds both marts from the raw tables in one transaction. The new marts are built beside the
 * live ones (under a __build suffix), so the dashboard keeps reading the old marts while the build
 * runs; only the final swap (drop the old tables, rename the new ones and their indexes, restore
 * the grants readers had) locks them, for milliseconds. Raw tables are only read. Ends with VACUUM
 * ANALYZE, outside the transaction: index-only scans need the visibility map it writes.
 */
export async function buildMarts(client: SqlClient, settings: MartBuildSettings): Promise<MartBuildResult> {
  const started = performance.now();
  const live = martTables(settings);
  const label = LOADER_LABELS[settings.source];
  const sourceTables = readSourceTables(`stripe_${settings.source}`);
  if (settings.rawSchema === settings.martSchema) {
    const clash = [settings.paymentsTable, settings.dailyTable].find((name) => sourceTables.some((table) => table.name === name));
    if (clash) throw new BuildError(`mart table ${settings.martSchema}.${clash} would replace a raw table: use another --schema`);
  }
  const liveNames: Omit<MartNames, 'martSchema'> = {
    paymentsTable: settings.paymentsTable,
    dailyTable: settings.dailyTable,
    acceptanceTable: settings.acceptanceTable ?? DEFAULT_ACCEPTANCE_TABLE,
    failuresTable: settings.failuresTable ?? DEFAULT_FAILURES_TABLE,
    retryHygieneTable: settings.retryHygieneTable ?? DEFAULT_RETRY_HYGIENE_TABLE,
    alertSlotsTable: settings.alertSlotsTable ?? DEFAULT_ALERT_SLOTS_TABLE,
  };
  const tableKeys = Object.keys(liveNames) as Array<keyof typeof liveNames>;
  const building = { ...settings, ...Object.fromEntries(tableKeys.map((key) => [key, liveNames[key] + BUILD_SUFFIX])) as typeof liveNames };
  const tooLong = tableKeys.map((key) => building[key]).find((name) => !isValidIdentifier(name));
  if (tooLong) throw new BuildError(`table name ${tooLong.slice(0, -BUILD_SUFFIX.length)} is too long to build beside (at most ${63 - BUILD_SUFFIX.length} characters)`);
  const tables = martTables(building);
  await checkWriteRole(client, settings.martSchema);
  await checkRawTables(client, settings.rawSchema, label, sourceTables);
  const steps: CompiledStep[] = compileProject(building, settings);

  await client.query('begin');
  try {
    // Sorting a million charges by intent (attempt numbers, about 400 MB) and building the
    // indexes stay in memory: with the defaults (4 MB, 64 MB) both spill to disk, and the build of
    // a million charges takes a third longer.
    await client.query("set local work_mem = '512MB'");
    await client.query("set local maintenance_work_mem = '512MB'");
    await client.query(`create schema if not exists ${quoteIdentifier(settings.martSchema)}`);
    await loadSeed(client);
    for (const step of steps) {
      await client.query(step.sql);
      // The keys the contract promises (schema.sql), then the indexes the dashboard's queries need.
      if (step.model === 'mart_stripe_payments') {
        await client.query(`alter table ${tables.payments} add primary key (charge_id)`);
        await client.query(martIndexesSql(building));
      }
      if (step.model === 'mart_stripe_payments_daily') await client.query(`alter table ${tables.daily} add primary key (date, currency)`);
    }
    for (const step of [...steps].reverse()) if (step.cleanup) await client.query(step.cleanup);
    const counts = {
      payments: await count(client, tables.payments),
      daily: await count(client, tables.daily),
      acceptance: await count(client, tables.acceptance),
      failures: await count(client, tables.failures),
      retryHygiene: await count(client, tables.retryHygiene),
      alertSlots: await count(client, tables.alertSlots),
    };
    const liveTables = Object.values(live);
    const grants = await currentGrants(client, liveTables);
    await client.query(`drop table if exists ${liveTables.join(', ')}`);
    await swapIn(client, settings.martSchema, tableKeys.map((key) => [building[key], liveNames[key]]));
    for (const step of steps) for (const hook of step.postHooks ?? []) await client.query(hook);
    for (const grant of grants) await client.query(grant);
    await client.query('commit');
    for (const table of liveTables) await client.query(`vacuum analyze ${table}`);
    return { ...counts, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    // The build's own error is the one to report; a rollback that fails too (the connection is
    // gone) changes nothing, since PostgreSQL rolls back an open transaction on disconnect.
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
