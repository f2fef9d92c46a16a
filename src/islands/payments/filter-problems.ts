/**
 * What the explorer says when the API refuses the view. The API's 400s name the parameter
 * (`q must be at most 100 characters`), which is right for a developer calling it and wrong on
 * screen: here each refused parameter becomes a sentence about the filter the person sees, in the
 * words of the filter bar, and what to do about it. Pure: no DOM.
 */
import type { ApiError } from '../../ui/fetch-json.ts';
import { formatCount } from '../../ui/format.ts';
import { SEARCH_MAX_LENGTH, type PaymentsView } from './payments-view.ts';

/** The filter bar's own names for what the API calls a parameter. */
const CHOICE_LABELS: Readonly<Record<string, string>> = {
  status: 'Status',
  funnel: 'Funnel',
  brand: 'Card brand',
  country: 'Card country',
  category: 'Failure category',
  decline: 'Decline code',
  currency: 'Currency',
  hygiene: 'Retries',
};

function quoted(value: string): string {
  return `“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;
}

function searchProblem(q: string): string {
  if (q.length > SEARCH_MAX_LENGTH) {
    return `The search is ${formatCount(q.length)} characters long; ids are at most ${SEARCH_MAX_LENGTH}. Search for the charge, payment intent or customer id, or its beginning.`;
  }
  return 'The search holds characters no id has (such as a line break). Search for the charge, payment intent or customer id, or its beginning.';
}

const DAY_MS = 86_400_000;

function dateProblem(view: PaymentsView): string {
  if (view.from && view.to && view.from > view.to) return 'The From date is after the To date. Choose a From date on or before the To date.';
  const days = view.from && view.to ? (Date.parse(view.to) - Date.parse(view.from)) / DAY_MS + 1 : 0;
  const span = days > 0 ? ` (${formatCount(days)} days)` : '';
  return `The dates cover more days than the explorer shows at once${span}. Choose a shorter range.`;
}

/** The sentence to show for an API error while loading `view`. */
export function problemText(error: ApiError, view: PaymentsView): string {
  if (error.code !== 'invalid_parameter') return error.message;
  const param = error.param ?? '';
  if (param === 'q') return searchProblem(view.q);
  if (param === 'from' || param === 'to') return dateProblem(view);
  const label = CHOICE_LABELS[param];
  if (label) {
    const value = view[param as keyof typeof CHOICE_LABELS & keyof PaymentsView] as string;
    return `${label} ${quoted(value)} is not one the payments have. Choose another in the ${label} list, or Any.`;
  }
  // Sort, page, page size and anything newer: not a filter the person typed, so no field to name.
  return 'This page’s address holds a setting the explorer cannot use. Clear the filters to start again.';
}
