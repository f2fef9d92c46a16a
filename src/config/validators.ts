/**
 * The checks every setting of the same kind goes through, whether it comes from the environment
 * (config.ts, which the pages' reporting zone is read with too) or a command-line flag
 * (src/cli/cli-support.ts). A `…Problem` function says what is wrong in words the caller puts
 * after the setting's name, or undefined when nothing is.
 */

/** A SQL identifier we are willing to double-quote: letters, digits and _, not starting with a digit, at most 63 characters. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

export function identifierProblem(name: string): string | undefined {
  return isValidIdentifier(name) ? undefined : `"${name}" is not a valid identifier (letters, digits and _, not starting with a digit, at most 63 characters)`;
}

/** Unless `raw` is a PostgreSQL URL with a host. Never echoes the value: it may hold a password. */
export function databaseUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a valid URL (expected postgresql://user:password@host:5432/database)';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return `must start with postgresql:// (got ${url.protocol}//)`;
  return url.hostname ? undefined : 'has no host';
}

/** Unless `zone` is an IANA time zone name this runtime knows (UTC, Europe/Paris). */
export function timeZoneProblem(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    // Intl's RangeError says only "Invalid time zone specified": ours names the setting and an example.
    return `"${zone}" is not an IANA time zone (e.g. UTC, Europe/Paris)`;
  }
}
