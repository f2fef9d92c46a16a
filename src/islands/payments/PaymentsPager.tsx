import type { ComponentChildren } from 'preact';
import { formatCount } from '../../ui/format.ts';
import { PAGE_SIZES, type PageSize } from './payments-view.ts';

interface Props {
  page: number;
  lastPage: number;
  /** The total is a lower bound (capped), so there may be pages past lastPage. */
  capped: boolean;
  size: PageSize;
  onPage(page: number): void;
  onSize(size: PageSize): void;
}

/**
 * aria-disabled rather than disabled: reaching the last page with "Next" must not drop the
 * keyboard focus to the top of the document.
 */
function PagerButton({ label, disabled, onClick, children }: { label: string; disabled: boolean; onClick(): void; children: ComponentChildren }) {
  return (
    <button type="button" class="pager-button" aria-label={label} aria-disabled={disabled ? 'true' : undefined} onClick={() => !disabled && onClick()}>
      {children}
    </button>
  );
}

export function PaymentsPager({ page, lastPage, capped, size, onPage, onSize }: Props) {
  const first = page <= 1;
  const last = page >= lastPage;
  return (
    <nav class="payments-pager" aria-label="Pages of payments">
      <div class="pager-size">
        <label for="payments-size">Rows per page</label>
        <select id="payments-size" value={String(size)} onChange={(event) => onSize(Number(event.currentTarget.value) as PageSize)}>
          {PAGE_SIZES.map((option) => <option key={option} value={String(option)}>{option}</option>)}
        </select>
      </div>
      <div class="pager-buttons">
        <PagerButton label="First page" disabled={first} onClick={() => onPage(1)}>« First</PagerButton>
        <PagerButton label="Previous page" disabled={first} onClick={() => onPage(page - 1)}>‹ Previous</PagerButton>
        <span class="pager-position" aria-live="polite">
          Page {formatCount(page)} of {formatCount(lastPage)}{capped ? '+' : ''}
        </span>
        <PagerButton label="Next page" disabled={last} onClick={() => onPage(page + 1)}>Next ›</PagerButton>
        <PagerButton label="Last page" disabled={last} onClick={() => onPage(lastPage)}>Last »</PagerButton>
      </div>
    </nav>
  );
}
