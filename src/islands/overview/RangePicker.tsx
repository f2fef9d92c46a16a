import { useEffect, useRef, useState } from 'preact/hooks';
import { isValidRange, type DateRange, type IsoDate } from '../../contract/calendar-date.ts';
import { PRESET_LABELS, RANGE_PRESETS, type RangeChoice } from '../../ui/date-range.ts';
import type { RangeView } from '../../ui/range-query.ts';

interface RangePickerProps {
  view: RangeView;
  /** The dates shown now; null before the browser knows today (the static HTML). */
  range: DateRange | null;
  today: IsoDate | null;
  currencies: string[];
  /** The currency the data is in (the API's choice when the view names none). */
  currency: string | null;
  onChange: (view: RangeView) => void;
}

let currencyNames: Intl.DisplayNames | null | undefined;
function currencyName(code: string): string {
  if (currencyNames === undefined) {
    try {
      currencyNames = new Intl.DisplayNames(undefined, { type: 'currency' });
    } catch {
      currencyNames = null;
    }
  }
  const upper = code.toUpperCase();
  const name = currencyNames?.of(upper);
  return name && name !== upper ? `${upper} · ${name}` : upper;
}

/**
 * Preset select plus the range's own dates. The date inputs always show the dates on screen (so
 * the controls never change shape, and a preset can be tweaked into a custom range); Apply turns
 * them into a custom range. The currency is a select when the data has several, else plain text.
 */
export function RangePicker({ view, range, today, currencies, currency, onChange }: RangePickerProps) {
  const [draft, setDraft] = useState<Partial<DateRange>>({ from: range?.from, to: range?.to });
  const [problem, setProblem] = useState('');
  const fromInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setDraft({ from: range?.from, to: range?.to });
    setProblem('');
  }, [range?.from, range?.to]);

  const choose = (choice: RangeChoice) => {
    if (choice !== 'custom') return onChange({ range: choice, currency: view.currency });
    // Same dates, now editable: the data stays until new dates are applied.
    if (range) onChange({ range: 'custom', from: range.from, to: range.to, currency: view.currency });
    fromInput.current?.focus();
  };
  const apply = (event: Event) => {
    event.preventDefault();
    if (!isValidRange(draft)) {
      setProblem(draft.from && draft.to ? 'The start date must be on or before the end date.' : 'Choose a start and an end date.');
      return;
    }
    setProblem('');
    onChange({ range: 'custom', from: draft.from, to: draft.to, currency: view.currency });
  };
  const described = problem ? 'range-problem' : undefined;

  return (
    <form class="range-picker" onSubmit={apply} aria-label="Date range and currency">
      {currencies.length > 1 ? (
        <div class="field field--currency">
          <label for="currency-choice">Currency</label>
          <select id="currency-choice" value={currency ?? ''} onChange={(e) => onChange({ ...view, currency: e.currentTarget.value })}>
            {currencies.map((code) => <option value={code} key={code}>{currencyName(code)}</option>)}
          </select>
        </div>
      ) : (
        // One currency (or not known yet): say which, in the same box, so nothing moves.
        <div class="field field--currency">
          <span>Currency</span>
          <span class="field__static" data-currency-static>{currency ? currencyName(currency) : '…'}</span>
        </div>
      )}
      <div class="field">
        <label for="range-choice">Date range</label>
        <select id="range-choice" value={view.range} onChange={(e) => choose(e.currentTarget.value as RangeChoice)}>
          {[...RANGE_PRESETS, 'custom' as const].map((choice) => (
            <option value={choice} key={choice}>{PRESET_LABELS[choice]}</option>
          ))}
        </select>
      </div>
      <div class="field field--date">
        <label for="range-from">From</label>
        <input id="range-from" ref={fromInput} type="date" value={draft.from ?? ''} max={today ?? undefined} required aria-describedby={described}
          onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
      </div>
      <div class="field field--date">
        <label for="range-to">To</label>
        <input id="range-to" type="date" value={draft.to ?? ''} max={today ?? undefined} required aria-describedby={described}
          onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
      </div>
      <button type="submit" class="button range-picker__apply">Apply</button>
      {problem && <p class="range-picker__problem" id="range-problem" role="alert">{problem}</p>}
    </form>
  );
}
