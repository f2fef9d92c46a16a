/** What `npm run bench` requests: every GET data route, the Overview's on 30 and 90 days. */
export interface BenchEndpoint {
  name: string;
  rangeDays: number | null;
  path: string;
}

export const OVERVIEW_RANGE_DAYS = [30, 90] as const;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `from=…&to=…` for the `days` days ending on `end` (YYYY-MM-DD). */
export function rangeEnding(end: string, days: number): string {
  return `from=${addDays(end, -(days - 1))}&to=${end}`;
}

/**
 * `dataEnd` is the bench data's last day, `chargeId` a retried charge (its detail has attempts).
 * The whole-table CSV export and pagination depth are measured on their own.
 */
export function benchEndpoints(dataEnd: string, chargeId: string): BenchEndpoint[] {
  const ranged: Array<[name: string, path: string, extra?: string]> = [
    ['overview/kpis', '/api/overview/kpis'],
    ['overview/daily', '/api/overview/daily'],
    ['overview/failures', '/api/overview/failures'],
    ['overview/recovery', '/api/overview/recovery'],
    ['overview/top-failures', '/api/overview/top-failures'],
    ['overview/breakdown (card brand)', '/api/overview/breakdown', '&by=card_brand'],
    ['overview/breakdown (card country)', '/api/overview/breakdown', '&by=card_country'],
    ['overview/breakdown (funnel)', '/api/overview/breakdown', '&by=funnel'],
    ['overview/breakdown (failure category)', '/api/overview/breakdown', '&by=failure_category'],
    ['overview/retry-hygiene', '/api/overview/retry-hygiene'],
    ['overview/alerts', '/api/overview/alerts'],
    ['payments', '/api/payments'],
    ['payments (failed, card brand)', '/api/payments', '&status=failed&brand=visa'],
  ];
  return [
    { name: 'health', rangeDays: null, path: '/api/health' },
    { name: 'freshness', rangeDays: null, path: '/api/freshness' },
    { name: 'filters', rangeDays: null, path: '/api/filters' },
    ...ranged.flatMap(([name, path, extra = '']) => OVERVIEW_RANGE_DAYS.map((days) => ({
      name, rangeDays: days, path: `${path}?${rangeEnding(dataEnd, days)}${extra}`,
    }))),
    { name: 'payments (q prefix)', rangeDays: null, path: '/api/payments?q=cus_A' },
    { name: 'payments/{id}', rangeDays: null, path: `/api/payments/${chargeId}` },
    { name: 'payments.csv (one day, failed)', rangeDays: 1, path: `/api/payments.csv?${rangeEnding(dataEnd, 1)}&status=failed` },
  ];
}
