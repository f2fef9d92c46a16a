/**
 * Table and schema names come from configuration, so they are checked against a strict pattern
 * (the one the config validated them with) and then double-quoted. Nothing from a request ever
 * reaches these functions.
 */
import { isValidIdentifier } from '../config/validators.ts';

export function quoteIdentifier(name: string): string {
  if (!isValidIdentifier(name)) throw new Error(`invalid SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}
