import { useEffect, useRef, useState } from 'preact/hooks';
import { PAYMENT_STATUSES } from '../../contract/payments.ts';
import { cardCountryLabel, FAILURE_CATEGORY_LABELS, failureCategoryLabel } from '../../ui/labels.ts';
import { cardBrandLabel, funnelLabel } from '../../ui/code-labels.ts';
import { RETRY_HYGIENE_LABELS, retryHygieneLabel, statusLabel } from './payment-labels.ts';
import type { OptionsState } from './explorer-state.ts';
import { hasActiveFilters, SEARCH_MAX_LENGTH, type PaymentsFilters as Filters } from './payments-view.ts';

interface Props {
  filters: Filters;
  options: OptionsState;
  onChange(filters: Partial<Filters>): void;
  onClear(): void;
  onRetryOptions(): void;
}

const SEARCH_DELAY_MS = 350;
const HYGIENE_VALUES = Object.keys(RETRY_HYGIENE_LABELS);

/** The choices a select offers: the API's values, plus the current one if the URL holds another. */
function choices(values: readonly string[], current: string): string[] {
  return current && !values.includes(current) ? [...values, current] : [...values];
}

function SelectFilter(props: { id: string; label: string; anyLabel: string; value: string; values: readonly string[]; text(value: string): string; onChange(value: string): void; loading: boolean }) {
  return (
    <div class="filter-field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)} aria-busy={props.loading}>
        <option value="">{props.anyLabel}</option>
        {choices(props.values, props.value).map((value) => (
          // A value only the URL holds is kept (the API's answer explains it) but marked as such.
          <option key={value} value={value}>{props.values.length > 0 && !props.values.includes(value) ? `${props.text(value)} (not in the data)` : props.text(value)}</option>
        ))}
      </select>
    </div>
  );
}

export function PaymentsFilters({ filters, options, onChange, onClear, onRetryOptions }: Props) {
  const [query, setQuery] = useState(filters.q);
  const [dateError, setDateError] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>();

  // The URL can change under the form (back button, Clear filters): follow it.
  useEffect(() => setQuery(filters.q), [filters.q]);
  useEffect(() => setDateError(''), [filters.from, filters.to]);
  useEffect(() => () => clearTimeout(timer.current), []);

  function submitSearch(value: string) {
    clearTimeout(timer.current);
    if (value.trim() !== filters.q) onChange({ q: value.trim() });
  }

  function changeDate(key: 'from' | 'to', value: string) {
    const from = key === 'from' ? value : filters.from;
    const to = key === 'to' ? value : filters.to;
    if (from && to && from > to) {
      setDateError('The start date must be on or before the end date.');
      return;
    }
    setDateError('');
    onChange({ [key]: value });
  }

  const ready = options.kind === 'ready' ? options.options : undefined;
  const loading = options.kind === 'loading';

  return (
    <form
      class="payments-filters"
      role="search"
      aria-label="Filter payments"
      onSubmit={(event) => {
        event.preventDefault();
        submitSearch(query);
      }}
    >
      <div class="filter-field filter-search">
        <label for="payments-q">Search id</label>
        <input
          id="payments-q"
          type="search"
          value={query}
          placeholder="ch_…, pi_…, cus_…"
          maxLength={SEARCH_MAX_LENGTH}
          autocomplete="off"
          spellcheck={false}
          aria-describedby="payments-q-hint"
          onInput={(event) => {
            const value = event.currentTarget.value;
            setQuery(value);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => submitSearch(value), SEARCH_DELAY_MS);
          }}
        />
        <span id="payments-q-hint" class="visually-hidden">Charge, payment intent or customer id, whole or its beginning</span>
      </div>
      <SelectFilter id="payments-status" label="Status" anyLabel="Any" value={filters.status} values={ready?.statuses ?? PAYMENT_STATUSES} text={(v) => statusLabel(v).text} onChange={(status) => onChange({ status })} loading={loading} />
      <div class="filter-field">
        <label for="payments-from">From</label>
        <input id="payments-from" type="date" value={filters.from} max={filters.to || undefined} onChange={(event) => changeDate('from', event.currentTarget.value)} aria-invalid={dateError ? true : undefined} aria-describedby={dateError ? 'payments-date-error' : undefined} />
      </div>
      <div class="filter-field">
        <label for="payments-to">To</label>
        <input id="payments-to" type="date" value={filters.to} min={filters.from || undefined} onChange={(event) => changeDate('to', event.currentTarget.value)} aria-invalid={dateError ? true : undefined} aria-describedby={dateError ? 'payments-date-error' : undefined} />
      </div>
      <SelectFilter id="payments-funnel" label="Funnel" anyLabel="Any" value={filters.funnel} values={ready?.funnels ?? []} text={funnelLabel} onChange={(funnel) => onChange({ funnel })} loading={loading} />
      <SelectFilter id="payments-brand" label="Card brand" anyLabel="Any" value={filters.brand} values={ready?.brands ?? []} text={cardBrandLabel} onChange={(brand) => onChange({ brand })} loading={loading} />
      <SelectFilter id="payments-country" label="Card country" anyLabel="Any" value={filters.country} values={ready?.countries ?? []} text={(v) => cardCountryLabel(v)} onChange={(country) => onChange({ country })} loading={loading} />
      <SelectFilter id="payments-category" label="Failure category" anyLabel="Any" value={filters.category} values={Object.keys(FAILURE_CATEGORY_LABELS)} text={failureCategoryLabel} onChange={(category) => onChange({ category })} loading={false} />
      <SelectFilter id="payments-currency" label="Currency" anyLabel="Any" value={filters.currency} values={ready?.currencies ?? []} text={(v) => v.toUpperCase()} onChange={(currency) => onChange({ currency })} loading={loading} />
      <SelectFilter id="payments-hygiene" label="Retries" anyLabel="Any" value={filters.hygiene} values={HYGIENE_VALUES} text={retryHygieneLabel} onChange={(hygiene) => onChange({ hygiene })} loading={false} />
      <div class="filter-actions">
        <button type="button" class="button-secondary" onClick={onClear} disabled={!hasActiveFilters(filters)}>
          Clear filters
        </button>
      </div>
      {filters.decline && (
        // No select for it (dozens of codes): a link from the Overview sets it, shown as a chip.
        <p class="filter-chip" data-filter-chip="decline">
          <span>Decline code: {filters.decline === 'none' ? 'none given' : <code>{filters.decline}</code>}</span>
          <button type="button" class="link-button" aria-label="Remove the decline code filter" onClick={() => onChange({ decline: '' })}>×</button>
        </p>
      )}
      {dateError && <p id="payments-date-error" class="field-error" role="alert">{dateError}</p>}
      {options.kind === 'error' && (
        <p class="field-note" role="status">
          Funnel, brand, country and currency choices could not be loaded: {options.message} The filters in use still apply.{' '}
          <button type="button" class="link-button" onClick={onRetryOptions}>Try again</button>
        </p>
      )}
    </form>
  );
}
