/**
 * Table and schema names come from configuration, so they are checked against a strict pattern
 * and then double-quoted. Nothing from a request ever reaches these functions.
 */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

export function quoteIdentifier(name: string): string {
  if (!isValidIdentifier(name)) throw new Error(`invalid SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}
