import { OVERVIEW_RANGE_POLICY } from '../../cache/cache-policy.ts';
import { getPeriodTotals, type PeriodTotals } from '../../queries/period-totals.ts';
import { getUniquePayments } from '../../queries/acceptance-source.ts';
import type { UniquePaymentTotals } from '../../queries/unique-payment-totals.ts';
import type { Deps } from '../deps.ts';
import { daysInRange, previousPeriod, todayIn } from '../../contract/calendar-date.ts';
import type { Kpi, KpisResponse } from '../../contract/overview.ts';
import { pointChange, rate, relativeChange } from '../rates.ts';
import { cachedJson } from '../respond.ts';
import { parseOverviewRequest } from './overview-request.ts';


const NO_TOTALS: PeriodTotals = { grossRevenue: 0, failedRevenue: 0, attempts: 0, succeeded: 0, failed: 0 };
const NO_PAYMENTS: UniquePaymentTotals = { payments: 0, succeeded: 0 };

function relativeKpi(value: number, previous: number): Kpi {
  return { value, previous, change: relativeChange(value, previous) };
}

/** Success rate ignores pending charges: succeeded / (succeeded + failed); its change is in points. */
function successRateKpi(current: PeriodTotals, previous: PeriodTotals): Kpi {
  const value = rate(current.succeeded, current.succeeded + current.failed);
  const before = rate(previous.succeeded, previous.succeeded + previous.failed);
  return { value, previous: before, change: pointChange(value, before) };
}

/** Per payment (Stripe's deduplicated rate): of the payments first attempted in the period, the share that ever succeeded. */
function uniqueSuccessRateKpi(current: UniquePaymentTotals, previous: UniquePaymentTotals): Kpi {
  const value = rate(current.succeeded, current.payments);
  const before = rate(previous.succeeded, previous.payments);
  return { value, previous: before, change: pointChange(value, before) };
}

/** GET /api/overview/kpis: the KPIs for the range against the equally long period before it. */
export async function handleOverviewKpis(request: Request, deps: Deps): Promise<Response> {
  const { range, currency, generatedAt } = await parseOverviewRequest(request, deps, 'daily');
  // A range ending today is still in progress: compared with the same part of the period before
  // (its last day up to the same time of day), calendar months with calendar months.
  const today = todayIn(deps.config.reportingTimezone, generatedAt);
  const inProgress = range.to === today;
  const previous = previousPeriod(range, today);
  const cut = inProgress ? { now: generatedAt, today } : undefined;
  // The per-payment rate reads charge by charge: over a long range it would outgrow the time a
  // request may take, so it keeps the explorer's limit while the daily-mart totals take years.
  const perPayment = daysInRange(range.from, range.to) <= deps.config.maxRangeDays;
  const [totals, payments] = currency
    ? await Promise.all([getPeriodTotals(deps, currency, range, previous, cut), perPayment ? getUniquePayments(deps, currency, range, previous) : null])
    : [{ current: NO_TOTALS, previous: NO_TOTALS }, { current: NO_PAYMENTS, previous: NO_PAYMENTS }];
  const body = {
    range,
    previous,
    /** The range ends today; the previous period's last day then counts up to the same time of day. */
    inProgress,
    currency,
    kpis: {
      grossRevenue: relativeKpi(totals.current.grossRevenue, totals.previous.grossRevenue),
      successRate: successRateKpi(totals.current, totals.previous),
      uniqueSuccessRate: payments
        ? uniqueSuccessRateKpi(payments.current, payments.previous)
        : { value: null, previous: null, change: null, unavailable: `counted per payment for ranges of at most ${deps.config.maxRangeDays} days` },
      failedRevenue: relativeKpi(totals.current.failedRevenue, totals.previous.failedRevenue),
      attempts: relativeKpi(totals.current.attempts, totals.previous.attempts),
    },
  } satisfies KpisResponse;
  return cachedJson(body, OVERVIEW_RANGE_POLICY, generatedAt);
}
