import { parseCurrencyParam } from '../params/currency-param.ts';
import type { DateRange } from '../../contract/calendar-date.ts';
import { parseOverviewRange } from '../params/date-range.ts';
import { getDefaultCurrency } from '../../queries/default-currency.ts';
import type { Deps } from '../deps.ts';

export interface OverviewRequest {
  range: DateRange;
  /** The currency asked for, else the range's main currency (see getDefaultCurrency); null if the marts are empty. */
  currency: string | null;
  generatedAt: Date;
}

/**
 * Which mart a route reads, and so how long a range it takes: the daily mart has a row per day
 * and currency, so totals and charts take years (MAX_OVERVIEW_RANGE_DAYS); routes that read
 * charge by charge keep the explorer's limit (MAX_RANGE_DAYS), which bounds their time.
 */
export type OverviewSource = 'daily' | 'charges';

/** What every overview section starts from: validated range and currency, checked before any query. */
export async function parseOverviewRequest(request: Request, deps: Deps, source: OverviewSource = 'charges'): Promise<OverviewRequest> {
  const url = new URL(request.url);
  const { maxRangeDays, maxOverviewRangeDays } = deps.config;
  const range = parseOverviewRange(url, {
    timeZone: deps.config.reportingTimezone,
    now: deps.now(),
    maxDays: source === 'daily' ? maxOverviewRangeDays : maxRangeDays,
    limitNote: source === 'charges' && maxOverviewRangeDays > maxRangeDays
      ? ` for this section, which reads charge by charge (totals and charts take up to ${maxOverviewRangeDays})`
      : '',
  });
  const requested = parseCurrencyParam(url);
  const generatedAt = deps.now();
  const currency = requested ?? (await getDefaultCurrency(deps, range));
  return { range, currency, generatedAt };
}
