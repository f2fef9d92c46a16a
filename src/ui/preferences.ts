/**
 * A user's remembered defaults (localStorage). Storage can be missing, full or blocked (private
 * modes, strict cookie settings); a preference is a convenience, so failures are silent and a bad
 * stored value is simply ignored.
 */

export interface PreferenceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function defaultStorage(): PreferenceStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

const PREFIX = 'payments-dashboard:';

export function loadPreference<T>(key: string, accept: (value: unknown) => value is T, storage = defaultStorage()): T | undefined {
  try {
    const raw = storage?.getItem(PREFIX + key);
    if (raw == null) return undefined;
    const value: unknown = JSON.parse(raw);
    return accept(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function savePreference(key: string, value: unknown, storage = defaultStorage()): void {
  try {
    storage?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Quota or privacy settings: the URL still carries the view.
  }
}
