import type { MartSource } from './mart-source.ts';

export interface FilterOptions {
  funnels: string[];
  brands: string[];
  currencies: string[];
}

/** The distinct funnels, card brands and currencies present in the marts, alphabetically. */
export async function getFilterOptions({ db, tables }: MartSource): Promise<FilterOptions> {
  const rows = await db.query<{ kind: keyof FilterOptions; value: string }>(
    `select 'funnels' as kind, funnel as value from ${tables.payments} where funnel is not null group by funnel
     union all
     select 'brands', card_brand from ${tables.payments} where card_brand is not null group by card_brand
     union all
     select 'currencies', currency from ${tables.daily} group by currency
     order by 1, 2`,
  );
  const options: FilterOptions = { funnels: [], brands: [], currencies: [] };
  for (const row of rows) options[row.kind].push(row.value);
  return options;
}
