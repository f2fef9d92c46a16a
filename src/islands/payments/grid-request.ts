/**
 * What the grid asks the island for, and its translation from and to Tabulator's remote
 * pagination and sort parameters. Pure: no DOM, no Tabulator instance.
 */
import { SORT_FIELDS, type PaymentSort, type SortField } from '../../contract/payments.ts';
import type { PageSize } from './payments-view.ts';

export interface GridRequest {
  page: number;
  size: PageSize;
  sort: PaymentSort;
}

/** The parameters Tabulator passes to its ajaxRequestFunc in remote mode. */
export interface TabulatorRemoteParams {
  page?: number;
  size?: number;
  sort?: unknown;
}

/** Tabulator's sorters (`[{ field, dir }]`, first one wins) as the API's sort; undefined for a column the API does not sort by. */
export function sortFromSorters(sorters: unknown): PaymentSort | undefined {
  if (!Array.isArray(sorters) || sorters.length === 0) return undefined;
  const first = sorters[0] as { field?: unknown; dir?: unknown };
  if (!(SORT_FIELDS as readonly unknown[]).includes(first.field)) return undefined;
  return { field: first.field as SortField, descending: first.dir !== 'asc' };
}

/** The API's sort as Tabulator's initialSort. */
export function sortersFromSort(sort: PaymentSort): { column: SortField; dir: 'asc' | 'desc' }[] {
  return [{ column: sort.field, dir: sort.descending ? 'desc' : 'asc' }];
}

/** Tabulator's request as the explorer's; a missing size or sort is the one the grid started with. */
export function gridRequestFrom(params: TabulatorRemoteParams, initial: GridRequest): GridRequest {
  return {
    page: Number(params.page) || 1,
    size: (Number(params.size) || initial.size) as PageSize,
    sort: sortFromSorters(params.sort) ?? initial.sort,
  };
}
