import { formatMoney } from '../../contract/money.ts';
import { formatCount } from '../../ui/format.ts';
import type { RetryHygieneResponse } from '../../contract/overview.ts';

type Hygiene = 'after_hard_decline' | 'past_max_attempts';

/** The explorer showing exactly the charges behind a number: the same range, currency and hygiene filter. */
export function hygieneExplorerUrl(range: { from: string; to: string }, currency: string, hygiene: Hygiene): string {
  // Dates, a currency code and a fixed word: nothing to escape.
  return `/payments?from=${range.from}&to=${range.to}&currency=${currency}&hygiene=${hygiene}`;
}

/**
 * Retry hygiene: retries that repeat a do-not-retry decline on the same card (networks charge per
 * reattempt of a "never approve" decline) and attempts past Stripe's recommended maximum. A
 * number above zero opens exactly those payments in the explorer.
 */
export function RetryHygiene({ data, range }: { data: RetryHygieneResponse; range: { from: string; to: string } }) {
  const currency = data.currency!;
  const { afterHardDecline: hard, pastMaxAttempts: past } = data;
  const figure = (id: Hygiene, count: number, label: string, detail: string) => (
    <div class={count > 0 ? 'hygiene-figure hygiene-figure--bad' : 'hygiene-figure'} data-figure={id}>
      <p class="hygiene-figure__value">
        {count > 0 ? <a href={hygieneExplorerUrl(range, currency, id)} aria-label={`${count} ${label}`}>{formatCount(count)}</a> : 0}
      </p>
      <p class="hygiene-figure__label">{label}</p>
      <p class="hygiene-figure__detail">{count > 0 ? detail : ''}</p>
    </div>
  );
  return (
    <div class="hygiene">
      <div class="hygiene-figures">
        {figure('after_hard_decline', hard.attempts, 'retries after a do-not-retry decline',
          `${formatMoney(hard.amount, currency)} · customers: ${formatCount(hard.customers)} · payments: ${formatCount(hard.intents)} · approved: ${formatCount(hard.succeeded)}`)}
        {figure('past_max_attempts', past.intents, `payments retried more than ${data.recommendedMaxRetries} times`,
          `${formatMoney(past.amount, currency)} · attempts past no. ${data.recommendedMaxAttempts}: ${formatCount(past.attempts)}`)}
      </div>
      <p class="hygiene-note">
        {formatCount(data.retries)} retries in the range; Stripe recommends at most {data.recommendedMaxRetries} per charge.
      </p>
    </div>
  );
}
