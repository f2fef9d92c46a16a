import { describe, expect, it } from 'vitest';
import { formatDataAge, onOldestDataAge, reportDataAge } from '../../src/ui/data-age.ts';

describe('data age', () => {
  const now = new Date('2026-11-01T12:00:00Z');
  it('says how long ago the data was read', () => {
    expect(formatDataAge('2026-11-01T11:59:50Z', now)).toBe('updated just now');
    expect(formatDataAge('2026-11-01T12:00:05Z', now)).toBe('updated just now'); // server clock ahead
    expect(formatDataAge('2026-11-01T11:58:00Z', now)).toBe('updated 2 min ago');
    expect(formatDataAge('2026-11-01T11:01:00Z', now)).toBe('updated 59 min ago');
    expect(formatDataAge('2026-11-01T11:00:20Z', now)).toBe('updated 1 h ago');
    expect(formatDataAge('2026-11-01T09:00:00Z', now)).toBe('updated 3 h ago');
    expect(formatDataAge('2026-10-31T12:00:00Z', now)).toBe('updated 1 day ago');
    expect(formatDataAge('2026-10-29T11:00:00Z', now)).toBe('updated 3 days ago');
    expect(formatDataAge(null, now)).toBe('age unknown');
    expect(formatDataAge('garbage', now)).toBe('age unknown');
  });

  it('follows the oldest data on the page', () => {
    const target = new EventTarget();
    const seen: (string | null)[] = [];
    const stop = onOldestDataAge((oldest) => seen.push(oldest), target);
    reportDataAge('kpis', '2026-11-01T11:58:00Z', target);
    reportDataAge('daily', '2026-11-01T11:50:00Z', target);
    reportDataAge('daily', '2026-11-01T11:59:00Z', target); // refreshed
    reportDataAge('kpis', null, target); // failed
    stop();
    reportDataAge('kpis', '2026-11-01T10:00:00Z', target);
    expect(seen).toEqual(['2026-11-01T11:58:00Z', '2026-11-01T11:50:00Z', '2026-11-01T11:58:00Z', '2026-11-01T11:59:00Z']);
  });
});
