import { parseCurrencyParam } from '../params/currency-param.ts';
import { parseOverviewRange, type DateRange } from '../params/date-range.ts';
import { getDefaultCurrency } from '../../queries/default-currency.ts';
import type { Deps } from '../deps.ts';

export interface OverviewRequest {
  range: DateRange;
  /** The currency asked for, else the range's main currency (see getDefaultCurrency); null if the marts are empty. */
  currency: string | null;
  generatedAt: Date;
}

/** What every overview section starts from: validated range and currency, checked before any query. */
export async function parseOverviewRequest(request: Request, deps: Deps): Promise<OverviewRequest> {
  const url = new URL(request.url);
  const range = parseOverviewRange(url, { timeZone: deps.config.reportingTimezone, now: deps.now(), maxDays: deps.config.maxRangeDays });
  const requested = parseCurrencyParam(url);
  const generatedAt = deps.now();
  const currency = requested ?? (await getDefaultCurrency(deps, range));
  return { range, currency, generatedAt };
}
