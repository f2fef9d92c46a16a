import { describe, expect, it } from 'vitest';
import { isRangeView, parseRangeQuery, queryHasRangeView, rangeViewToQuery, resolveRange } from '../../src/ui/range-query.ts';
import { applyQuery } from '../../src/ui/url-state.ts';

const q = (search: string) => new URLSearchParams(search);

describe('range query', () => {
  it('reads presets, custom ranges and the currency', () => {
    expect(parseRangeQuery(q('?range=last-7'))).toEqual({ range: 'last-7' });
    expect(parseRangeQuery(q('?range=custom&from=2026-10-01&to=2026-10-31&currency=EUR'))).toEqual({ range: 'custom', from: '2026-10-01', to: '2026-10-31', currency: 'eur' });
    // from & to alone are a custom range (links from elsewhere need not name it).
    expect(parseRangeQuery(q('?from=2026-10-01&to=2026-10-31'))).toEqual({ range: 'custom', from: '2026-10-01', to: '2026-10-31' });
  });

  it('falls back on what is missing or invalid', () => {
    const remembered = { range: 'last-90', currency: 'jpy' } as const;
    expect(parseRangeQuery(q(''), remembered)).toEqual({ range: 'last-90', currency: 'jpy' });
    expect(parseRangeQuery(q('?range=last-7'), remembered)).toEqual({ range: 'last-7', currency: 'jpy' });
    expect(parseRangeQuery(q('?range=forever'))).toEqual({ range: 'last-30' });
    expect(parseRangeQuery(q('?from=2026-10-31&to=2026-10-01'))).toEqual({ range: 'last-30' });
    expect(parseRangeQuery(q('?range=custom&from=2026-02-30&to=2026-03-02'))).toEqual({ range: 'last-30' });
    // An explicit but bad currency means "the API's default", not the remembered one.
    expect(parseRangeQuery(q('?currency=dollars'), remembered)).toEqual({ range: 'last-90' });
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
