import { badRequest } from '../../http/app-error.ts';

/**
 * One optional query parameter, trimmed; an empty value counts as absent (an empty filter box is
 * no filter). Given twice with different values it is ambiguous, so it is rejected rather than
 * one copy silently winning. Parameters nobody asks for are ignored.
 */
export function optionalParam(url: URL, name: string): string | undefined {
  const values = [...new Set(url.searchParams.getAll(name).map((value) => value.trim()).filter((value) => value !== ''))];
  if (values.length > 1) throw badRequest(name, `${name} was given more than once with different values; give it once`);
  return values[0];
}

/** A whole number in [min, max], or the fallback when absent. */
export function integerParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = optionalParam(url, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw badRequest(name, `${name} must be a whole number from ${min} to ${max}`);
  const value = Number(raw);
  if (value < min || value > max) throw badRequest(name, `${name} must be a whole number from ${min} to ${max}`);
  return value;
}

/** A value from a fixed list; the message lists what is allowed. */
export function enumParam<T extends string>(url: URL, name: string, allowed: readonly T[]): T | undefined {
  const raw = optionalParam(url, name);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw badRequest(name, `${name} must be one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

/** Free text shown back to the database only as a bound parameter; bounded and printable. */
export function textParam(url: URL, name: string, maxLength: number): string | undefined {
  const raw = optionalParam(url, name);
  if (raw === undefined) return undefined;
  if (raw.length > maxLength) throw badRequest(name, `${name} must be at most ${maxLength} characters`);
  // Control characters never occur in the values we filter on.
  if (/\p{Cc}/u.test(raw)) throw badRequest(name, `${name} must not contain control characters`);
  return raw;
}
