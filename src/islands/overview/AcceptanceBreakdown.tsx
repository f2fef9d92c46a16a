import type { DateRange } from '../../contract/calendar-date.ts';
import { formatCount, formatPercent, formatPoints } from '../../ui/format.ts';
import type { BreakdownDimension as BreakdownBy, BreakdownResponse } from '../../contract/overview.ts';
import { BREAKDOWN_SPECS, breakdownModel, specFor } from './breakdown-view.ts';

/** The dimension picker in the section's head; the choice lives in the URL (`by`). */
export function BreakdownPicker({ by, onChange }: { by: BreakdownBy; onChange: (by: BreakdownBy) => void }) {
  return (
    <label class="breakdown-picker">
      <span class="visually-hidden">Break the success rate down by</span>
      <select id="breakdown-by" value={by} onChange={(event) => onChange((event.target as HTMLSelectElement).value as BreakdownBy)}>
        {BREAKDOWN_SPECS.map((spec) => <option key={spec.by} value={spec.by}>{spec.label.toLowerCase()}</option>)}
      </select>
    </label>
  );
}

interface Props {
  data: BreakdownResponse;
  range: DateRange;
  /** The previous period's attempts (from the KPIs), for failure categories' previous share. */
  previousAttempts: number | null;
}

/**
 * One compact bar per value: the success rate (for failure categories, the share of attempts),
 * attempts, the change vs the previous period in points, a flag when the 95% interval is wider
 * than ±5 points, and a link to the value's payments in the explorer.
 */
export function AcceptanceBreakdown({ data, range, previousAttempts }: Props) {
  if (data.rows.length === 0) return <p class="empty-note">No payments in this range.</p>;
  const model = breakdownModel(data, range, { previousAttempts });
  const spec = specFor(data.by);
  const measureName = model.measure === 'share' ? 'Share of attempts' : 'Success rate';
  return (
    <div class="acceptance">
      <table class="data-table acceptance-table" data-measure={model.measure}>
        <thead>
          <tr>
            <th scope="col">{spec.label}</th>
            <th scope="col" class="num">{measureName}</th>
            <th scope="col" class="num">Attempts</th>
            <th scope="col" class="num">vs previous</th>
          </tr>
        </thead>
        <tbody>
          {model.bars.map((bar) => (
            <tr key={bar.value ?? ''} data-value={bar.value ?? ''} data-too-small={bar.tooSmall ? 'true' : 'false'}>
              <th scope="row" class="acceptance-table__value">
                {bar.href ? <a href={bar.href}>{bar.label}</a> : <span>{bar.label}</span>}
                <span class="share-bar" aria-hidden="true"><span class="share-bar__fill" style={{ width: `${Math.max(1, (bar.measure ?? 0) * 100)}%` }} /></span>
              </th>
              <td class="num" data-label={measureName}>
                <span data-measure>{bar.measure === null ? '—' : formatPercent(bar.measure)}</span>
                {bar.tooSmall && (
                  <span class="low-volume"> ±{(bar.halfWidth * 100).toFixed(0)} pts</span>
                )}
              </td>
              <td class="num" data-label="Attempts">{formatCount(bar.attempts)}</td>
              <td class="num" data-label="vs previous" data-change>{bar.change === null ? '—' : formatPoints(bar.change)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="chart-note">
        {model.rest.values > 0 && <>{formatCount(model.rest.values)} more values ({formatCount(model.rest.attempts)} attempts). </>}
        {model.measure === 'share' && <>{formatCount(model.uncategorized)} attempts without a failure category. </>}
        ±N pts: the 95% interval is wider than ±5 points, too few attempts to trust.
      </p>
    </div>
  );
}
