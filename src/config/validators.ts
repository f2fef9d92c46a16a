/**
 * The checks every setting of the same kind goes through, whether it comes from the environment
 * (config.ts), a command-line flag (src/cli/seed.ts) or the build (the pages' reporting zone).
 */

/** A SQL identifier we are willing to double-quote: letters, digits and _, not starting with a digit, at most 63 characters. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** An IANA time zone name this runtime knows (UTC, Europe/Paris). */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
