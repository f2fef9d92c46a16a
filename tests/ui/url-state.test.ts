import { describe, expect, it } from 'vitest';
import { applyQuery, onQueryChange, readQuery, writeQuery, type HistoryWindow } from '../../src/ui/url-state.ts';

/** A minimal browser window: history entries and popstate, enough to test back/forward. */
function fakeWindow(initial: string) {
  const entries = [initial];
  let index = 0;
  const listeners = new Set<() => void>();
  const location = { pathname: '/', search: '', hash: '' };
  const go = (url: string) => {
    const parsed = new URL(url, 'http://x');
    location.pathname = parsed.pathname;
    location.search = parsed.search;
    location.hash = parsed.hash;
  };
  go(initial);
  const win: HistoryWindow & { back(): void; entries: string[] } = {
    location,
    entries,
    history: {
      pushState: (_d, _u, url) => {
        entries.splice(index + 1);
        entries.push(url!);
        index += 1;
        go(url!);
      },
      replaceState: (_d, _u, url) => {
        entries[index] = url!;
        go(url!);
      },
    },
    addEventListener: (_t, listener) => listeners.add(listener),
    removeEventListener: (_t, listener) => listeners.delete(listener),
    back() {
      index -= 1;
      go(entries[index]!);
      for (const listener of listeners) listener();
    },
  };
  return win;
}

describe('URL state', () => {
  it('sets, keeps and removes keys', () => {
    expect(applyQuery('?range=last-7&status=failed', { range: 'custom', from: '2026-01-01' })).toBe('?range=custom&status=failed&from=2026-01-01');
    expect(applyQuery('?range=last-7', { range: null })).toBe('');
    expect(applyQuery('', { q: 'pi_1 2' })).toBe('?q=pi_1+2');
  });

  it('pushes a choice, replaces a normalisation, and skips no-op writes', () => {
    const win = fakeWindow('/?range=last-7#top');
    expect(writeQuery({ range: 'last-30' }, 'push', win)).toBe(true);
    expect(win.entries).toEqual(['/?range=last-7#top', '/?range=last-30#top']);
    expect(writeQuery({ currency: 'eur' }, 'replace', win)).toBe(true);
    expect(win.entries).toEqual(['/?range=last-7#top', '/?range=last-30&currency=eur#top']);
    expect(writeQuery({ currency: 'eur' }, 'push', win)).toBe(false);
    expect(win.entries).toHaveLength(2);
    expect(readQuery(win).get('range')).toBe('last-30');
  });

  it('tells listeners about back and forward, until unsubscribed', () => {
    const win = fakeWindow('/?range=last-7');
    const seen: (string | null)[] = [];
    const stop = onQueryChange((query) => seen.push(query.get('range')), win);
    writeQuery({ range: 'last-90' }, 'push', win);
    win.back();
    expect(seen).toEqual(['last-7']);
    stop();
    writeQuery({ range: 'last-90' }, 'push', win);
    win.back();
    expect(seen).toEqual(['last-7']);
  });
});
