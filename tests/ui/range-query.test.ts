import { describe, expect, it } from 'vitest';
import { isRangeView, readRangeQuery, queryHasRangeView, rangeViewToQuery, resolveRange } from '../../src/ui/range-query.ts';
import { applyQuery } from '../../src/ui/url-state.ts';
import type { RangeView } from '../../src/ui/range-query.ts';

const q = (search: string) => new URLSearchParams(search);
const parseRangeQuery = (query: URLSearchParams, fallback?: RangeView, today?: string) => readRangeQuery(query, fallback, today).view;
const problems = (search: string, today?: string) => readRangeQuery(q(search), undefined, today).problems;

describe('range query', () => {
  it('reads presets, custom ranges and the currency', () => {
    expect(parseRangeQuery(q('?range=last-7'))).toEqual({ range: 'last-7' });
    expect(parseRangeQuery(q('?range=custom&from=2026-10-01&to=2026-10-31&currency=EUR'))).toEqual({ range: 'custom', from: '2026-10-01', to: '2026-10-31', currency: 'eur' });
    // from & to alone are a custom range (links from elsewhere need not name it).
    expect(parseRangeQuery(q('?from=2026-10-01&to=2026-10-31'))).toEqual({ range: 'custom', from: '2026-10-01', to: '2026-10-31' });
  });

  it('opens a bare URL on the remembered view, a link on what it says (never the recipient’s currency)', () => {
    const remembered = { range: 'last-90', currency: 'jpy' } as const;
    expect(parseRangeQuery(q(''), remembered)).toEqual({ range: 'last-90', currency: 'jpy' });
    expect(parseRangeQuery(q('?range=last-7'), remembered)).toEqual({ range: 'last-7' });
    expect(parseRangeQuery(q('?currency=eur'), remembered)).toEqual({ range: 'last-30', currency: 'eur' });
  });

  it('falls back on what is invalid and says what was wrong', () => {
    expect(readRangeQuery(q('?range=forever'))).toEqual({ view: { range: 'last-30' }, problems: ['“forever” is not a date range this page offers'] });
    expect(readRangeQuery(q('?from=2026-11-20&to=2026-11-01&currency=eur'))).toEqual({
      view: { range: 'last-30', currency: 'eur' },
      problems: ['the start date, Nov 20, 2026, is after the end date, Nov 1, 2026'],
    });
    expect(problems('?range=custom&from=2026-02-30&to=2026-03-02')).toEqual(['“2026-02-30” is not a date (YYYY-MM-DD)']);
    expect(problems('?from=2026-02-01')).toEqual(['the end date is missing']);
    // Not a currency at all (ISO 4217 has no XYZ): the API's default instead, and said.
    expect(readRangeQuery(q('?range=last-7&currency=xyz'))).toEqual({ view: { range: 'last-7' }, problems: ['“xyz” is not a currency (an ISO 4217 code such as USD)'] });
    expect(problems('?currency=dollars')).toEqual(['“dollars” is not a currency (an ISO 4217 code such as USD)']);
    expect(problems('?range=last-7&currency=GBP')).toEqual([]);
  });

  it('ends a range today at the latest, and refuses one that has not begun', () => {
    expect(readRangeQuery(q('?from=2026-11-20&to=2026-12-31'), undefined, '2026-12-01')).toEqual({
      view: { range: 'custom', from: '2026-11-20', to: '2026-12-01' },
      problems: ['the range ran past today, so it now ends today instead of Dec 31, 2026'],
    });
    const future = readRangeQuery(q('?from=2026-12-05&to=2026-12-31'), undefined, '2026-12-01');
    expect(future.view).toEqual({ range: 'last-30' });
    expect(future.problems).toHaveLength(1);
    expect(future.problems[0]).toMatch(/^the range, Dec 5\s–\s31, 2026, has not begun yet$/);
    expect(problems('?from=2026-11-01&to=2026-12-01', '2026-12-01')).toEqual([]);
  });

  it('round-trips through the URL', () => {
    const view = { range: 'custom', from: '2026-10-01', to: '2026-10-31', currency: 'usd' } as const;
    const search = applyQuery('?status=failed&range=last-7', rangeViewToQuery(view));
    expect(search).toBe('?status=failed&range=custom&from=2026-10-01&to=2026-10-31&currency=usd');
    expect(parseRangeQuery(q(search))).toEqual(view);
    expect(applyQuery(search, rangeViewToQuery({ range: 'last-7' }))).toBe('?status=failed&range=last-7');
    expect(queryHasRangeView(q('?status=failed'))).toBe(false);
    expect(queryHasRangeView(q('?currency=usd'))).toBe(true);
  });

  it('resolves to dates on a given day', () => {
    expect(resolveRange({ range: 'last-7' }, '2026-11-15')).toEqual({ from: '2026-11-09', to: '2026-11-15' });
    expect(resolveRange({ range: 'custom', from: '2026-01-01', to: '2026-01-31' }, '2026-11-15')).toEqual({ from: '2026-01-01', to: '2026-01-31' });
  });

  it('accepts only well-formed remembered views', () => {
    expect(isRangeView({ range: 'last-7' })).toBe(true);
    expect(isRangeView({ range: 'custom', from: '2026-01-01', to: '2026-01-31', currency: 'usd' })).toBe(true);
    expect(isRangeView({ range: 'custom', from: '2026-01-31', to: '2026-01-01' })).toBe(false);
    expect(isRangeView({ range: 'last-7', currency: 'US dollars' })).toBe(false);
    expect(isRangeView('last-7')).toBe(false);
  });
});
