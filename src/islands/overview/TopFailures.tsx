import type { DateRange } from '../../contract/calendar-date.ts';
import { formatMoney } from '../../contract/money.ts';
import { DECLINE_NONE } from '../../contract/decline-filter.ts';
import { explorerLink } from '../../ui/explorer-link.ts';
import { formatCount } from '../../ui/format.ts';
import { failureCategoryLabel, recoveryActionLabel } from '../../ui/labels.ts';
import type { TopFailuresResponse, WithCurrency } from '../../contract/overview.ts';

/** "12 failures with codes the mapping does not know: foo (10), bar (2)." — what the mapping lacks (its 10 most frequent). */
export function unmappedNote(unmapped: TopFailuresResponse['unmapped']): string | null {
  if (unmapped.count === 0) return null;
  const codes = unmapped.codes.map(({ code, count }) => `${code ?? 'no code'} (${formatCount(count)})`).join(', ');
  return `${formatCount(unmapped.count)} failures with codes the mapping does not know: ${codes}.`;
}

/** `range`: the dates shown, for the links to the explorer filtered to each reason. */
export function TopFailures({ data, range }: { data: WithCurrency<TopFailuresResponse>; range: DateRange }) {
  if (data.rows.length === 0) return <p class="empty-note">No failed payments in this range.</p>;
  const unmapped = unmappedNote(data.unmapped);
  return (
    <>
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Top failure reasons (scrolls sideways)">
      <table class="data-table reasons-table">
        <caption class="visually-hidden">Most frequent failure reasons with the recommended action</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Decline code</th>
            <th scope="col" class="num">Count</th>
            <th scope="col" class="num">Failed amount</th>
            <th scope="col" class="num" title="Failed amounts whose payment never succeeded later">Lost revenue</th>
            <th scope="col">Recommended action</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={`${row.category}|${row.declineCode ?? ''}`}>
              <td class="reason">
                <a href={explorerLink(range, data.currency, { status: 'failed', category: row.category, decline: row.declineCode ?? DECLINE_NONE })} title="Open these payments in the explorer">
                  {failureCategoryLabel(row.category)}
                </a>
              </td>
              <td class="decline">{row.declineCode ? <code class="code">{row.declineCode}</code> : <span class="muted">none given</span>}</td>
              <td class="num" data-label="Count">{formatCount(row.count)}</td>
              <td class="num" data-label="Failed">{formatMoney(row.failedAmount, data.currency)}</td>
              <td class="num" data-label="Lost">{formatMoney(row.lostRevenue, data.currency)}</td>
              <td class="action" data-action={row.action ?? ''}>{recoveryActionLabel(row.action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    {unmapped && <p class="unmapped-note" role="note">{unmapped}</p>}
    </>
  );
}

export const TOP_FAILURE_ROWS = 10;

export function TableSkeleton({ rows, columns }: { rows: number; columns: number }) {
  return (
    <div class="table-skeleton" aria-hidden="true">
      {Array.from({ length: rows + 1 }, (_, r) => (
        <div class="table-skeleton__row" key={r}>
          {Array.from({ length: columns }, (_, c) => <span class="skeleton skeleton--cell" key={c} />)}
        </div>
      ))}
    </div>
  );
}
