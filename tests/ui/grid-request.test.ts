/** The grid's remote request: Tabulator's page, size and sorters as the explorer's request, and back. */
import { describe, expect, it } from 'vitest';
import { gridRequestFrom, sortersFromSort, sortFromSorters, type GridRequest } from '../../src/islands/payments/grid-request.ts';

const INITIAL: GridRequest = { page: 4, size: 50, sort: { field: 'createdAt', descending: true } };

describe('grid request', () => {
  it('reads the page, size and sort Tabulator asks for', () => {
    expect(gridRequestFrom({ page: 2, size: 100, sort: [{ field: 'amount', dir: 'asc' }] }, INITIAL))
      .toEqual({ page: 2, size: 100, sort: { field: 'amount', descending: false } });
    expect(sortFromSorters([{ field: 'amount', dir: 'desc' }])).toEqual({ field: 'amount', descending: true });
  });

  it('falls back to page 1 and the size and sort the grid started with', () => {
    expect(gridRequestFrom({}, INITIAL)).toEqual({ page: 1, size: 50, sort: INITIAL.sort });
    expect(gridRequestFrom({ page: 3, size: 25, sort: [] }, INITIAL).sort).toEqual(INITIAL.sort);
  });

  it('never asks the API to sort by a column it does not sort by', () => {
    expect(sortFromSorters([{ field: 'funnel', dir: 'asc' }])).toBeUndefined();
    expect(sortFromSorters('amount')).toBeUndefined();
    expect(gridRequestFrom({ sort: [{ field: 'cardLast4', dir: 'asc' }] }, INITIAL).sort).toEqual(INITIAL.sort);
  });

  it('gives Tabulator the sort it starts with, and reads it back unchanged', () => {
    for (const sort of [{ field: 'amount', descending: false }, { field: 'createdAt', descending: true }] as const) {
      const sorters = sortersFromSort(sort);
      expect(sortFromSorters(sorters.map(({ column, dir }) => ({ field: column, dir })))).toEqual(sort);
    }
  });
});
