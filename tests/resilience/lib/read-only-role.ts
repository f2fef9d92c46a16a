import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { quoteIdentifier } from '../../../src/db/identifiers.ts';
import { renderMartSql } from '../../../src/marts/mart-tables.ts';
import { PROJECT_ROOT } from '../../helpers/node-build.ts';

export interface ReadOnlyRole {
  role: string;
  password: string;
  database: string;
  martSchema: string;
  paymentsTable: string;
  dailyTable: string;
}

/** src/marts/read-only-role.sql with its placeholders filled: identifiers quoted, the password as a literal. */
export function renderReadOnlyRoleSql(options: ReadOnlyRole): string {
  const sql = readFileSync(join(PROJECT_ROOT, 'src/marts/read-only-role.sql'), 'utf8');
  return renderMartSql(sql, options)
    .replaceAll('{{role}}', quoteIdentifier(options.role))
    .replaceAll('{{database}}', quoteIdentifier(options.database))
    .replaceAll('{{password}}', options.password.replaceAll("'", "''"));
}

/** Runs the role SQL as a superuser connected to the marts' database (grants on tables are per database). */
export async function createReadOnlyRole(adminDatabaseUrl: string, options: ReadOnlyRole): Promise<void> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    await client.query(renderReadOnlyRoleSql(options));
  } finally {
    await client.end();
  }
}

/** Drops the role once its database is gone (its grants went with it). */
export async function dropReadOnlyRole(adminUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop role if exists ${quoteIdentifier(role)}`);
  } finally {
    await client.end();
  }
}

/** The URL the app uses: the admin URL's host and port, the role's name and password, the marts' database. */
export function roleUrl(adminUrl: string, role: string, password: string, database: string): string {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}
