import type { DateRange } from '../../contract/calendar-date.ts';
import { formatMoney } from '../../contract/money.ts';
import { explorerLink } from '../../ui/explorer-link.ts';
import { formatCount, formatPercent } from '../../ui/format.ts';
import { failureCategoryLabel } from '../../ui/labels.ts';
import type { FailuresResponse, WithCurrency } from '../../contract/overview.ts';

/** Horizontal bars as an HTML table: readable by screen readers, no chart library needed. */
/** `range`: the dates shown, for the links to the explorer filtered to each category. */
export function FailureBreakdown({ data, range }: { data: WithCurrency<FailuresResponse>; range: DateRange }) {
  if (data.categories.length === 0) return <p class="empty-note">No failed payments in this range.</p>;
  const widest = Math.max(...data.categories.map((c) => c.share), 0.0001);
  return (
    <table class="data-table breakdown-table">
      <caption class="visually-hidden">Failed payments by category, with each category's share of all failures</caption>
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col" class="num">Failures</th>
          <th scope="col" class="num">Failed amount</th>
          <th scope="col" class="num">Share</th>
        </tr>
      </thead>
      <tbody>
        {data.categories.map((row) => (
          <tr key={row.category} title={`Lost revenue (never recovered): ${formatMoney(row.lostRevenue, data.currency)}`}>
            <th scope="row" class="breakdown-table__category">
              <a href={explorerLink(range, data.currency, { status: 'failed', category: row.category })} title="Open these payments in the explorer">{failureCategoryLabel(row.category)}</a>
              <span class="share-bar" aria-hidden="true"><span class="share-bar__fill" style={{ width: `${Math.max(1, (row.share / widest) * 100)}%` }} /></span>
            </th>
            <td class="num" data-label="Failures">{formatCount(row.count)}</td>
            <td class="num" data-label="Failed">{formatMoney(row.failedAmount, data.currency)}</td>
            <td class="num" data-label="Share">{formatPercent(row.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
