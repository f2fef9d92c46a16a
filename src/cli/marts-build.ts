/**
 * Builds the dashboard's two marts from the raw Stripe tables Fivetran or Airbyte loads, for teams
 * without dbt, with the very dbt models in src/marts/dbt:
 *
 *   npm run marts:build -- --source fivetran|airbyte --raw-schema SCHEMA --database-url URL
 *                          [--schema MART_SCHEMA] [--timezone ZONE] [--funnel-key funnel] [--profile-key profile_id]
 *
 * It (re)creates both marts and their indexes in one transaction with a role that may write the
 * mart schema, and only reads the raw tables. Run it after each sync (cron, a scheduler, the
 * loader's webhook); the dashboard keeps reading the old marts until the new ones are committed.
 */
import pg from 'pg';
import { BuildError } from '../marts/build/build-error.ts';
import { buildMarts } from '../marts/build/build-marts.ts';
import { LOADERS, type Loader, type MartBuildSettings } from '../marts/build/mart-build-settings.ts';
import { martTables } from '../marts/mart-tables.ts';
import { ModelRenderError } from '../marts/render-model.ts';
import {
  CliError, connectInTime, databaseUrlFlag, describeError, identifierFlag, martFlagSettings, parseFlags, runAsScript,
} from './cli-support.ts';

const USAGE =
  'usage: npm run marts:build -- --source fivetran|airbyte --raw-schema SCHEMA --database-url postgresql://user@host:5432/db ' +
  '[--schema MART_SCHEMA] [--timezone UTC] [--funnel-key funnel] [--profile-key profile_id]';

/** Stripe metadata keys: up to 40 characters; kept to a set that is safe inside a SQL string literal. */
function metadataKey(flag: string, raw: string | undefined, fallback: string): string {
  const value = raw ?? fallback;
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(value)) {
    throw new CliError(`${flag} "${value}" is not a metadata key this build accepts (1–40 letters, digits, _ . -)`);
  }
  return value;
}

export interface MartsBuildOptions extends MartBuildSettings {
  databaseUrl: string;
}

export function parseMartsBuildArgs(argv: readonly string[]): MartsBuildOptions | 'help' {
  const values = parseFlags(argv, {
    source: { type: 'string' },
    'raw-schema': { type: 'string' },
    'database-url': { type: 'string' },
    schema: { type: 'string' },
    timezone: { type: 'string' },
    'funnel-key': { type: 'string' },
    'profile-key': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (!(LOADERS as readonly string[]).includes(values.source ?? '')) {
    throw new CliError(values.source === undefined ? '--source is required: fivetran or airbyte' : `--source must be fivetran or airbyte, got "${values.source}"`);
  }
  if (values['raw-schema'] === undefined) throw new CliError('--raw-schema is required: the schema your loader writes the Stripe tables to');
  return {
    source: values.source as Loader,
    rawSchema: identifierFlag('--raw-schema', values['raw-schema']),
    databaseUrl: databaseUrlFlag(values['database-url'], 'marts:build drops and recreates the mart tables'),
    ...martFlagSettings(values),
    funnelMetadataKey: metadataKey('--funnel-key', values['funnel-key'], 'funnel'),
    profileMetadataKey: metadataKey('--profile-key', values['profile-key'], 'profile_id'),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseMartsBuildArgs(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const client = await connectInTime(async () => {
    const connection = new pg.Client({ connectionString: options.databaseUrl });
    await connection.connect();
    return connection;
  });
  try {
    const result = await buildMarts(client, options);
    const tables = martTables(options);
    console.log(`built ${tables.payments}: ${result.payments} rows; ${tables.daily}: ${result.daily} rows; ${tables.acceptance}: ${result.acceptance} rows; ${tables.failures}: ${result.failures} rows; ` +
      `${tables.retryHygiene}: ${result.retryHygiene} rows; ${tables.alertSlots}: ${result.alertSlots} rows ` +
      `(from ${options.source} tables in ${options.rawSchema}) in ${result.seconds.toFixed(1)} s`);
    return 0;
  } finally {
    await client.end().catch(() => undefined); // the outcome is decided; a failed goodbye changes nothing
  }
}

await runAsScript(import.meta.url, 'marts:build', main, (error) =>
  error instanceof BuildError || error instanceof ModelRenderError
    ? error.message
    : `building failed, nothing was changed: ${describeError(error)}`);
