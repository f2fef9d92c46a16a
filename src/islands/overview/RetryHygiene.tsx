import type { ComponentChildren } from 'preact';
import { formatMoney } from '../../contract/money.ts';
import { formatCount, formatPercent } from '../../ui/format.ts';
import type { RetryHygieneResponse } from '../../contract/overview.ts';

/** The explorer showing exactly the charges behind a number: the same range, currency and hygiene filter. */
export function hygieneExplorerUrl(range: { from: string; to: string }, currency: string, hygiene: 'after_hard_decline' | 'past_max_attempts'): string {
  return `/payments?${new URLSearchParams({ from: range.from, to: range.to, currency, hygiene })}`;
}

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A count; a rule-breaking one (with `href`) above zero is marked and opens its payments. */
function Figure(props: { id: string; value: number; label: string; href?: string; children: ComponentChildren }) {
  const bad = props.href !== undefined && props.value > 0;
  return (
    <div class={`hygiene-figure${bad ? ' hygiene-figure--bad' : ''}`} data-figure={props.id}>
      <p class="hygiene-figure__value">
        {bad ? <a href={props.href} aria-label={`${formatCount(props.value)} ${props.label}: show them in Payments`}>{formatCount(props.value)}</a> : formatCount(props.value)}
      </p>
      <p class="hygiene-figure__label">{props.label}</p>
      <p class="hygiene-figure__detail">{props.children}</p>
    </div>
  );
}

/**
 * Retry hygiene: retries that repeat a do-not-retry decline on the same card (networks charge per
 * reattempt of a "never approve" decline, and issuers start declining good charges) and attempts
 * past Stripe's recommended maximum. Each number opens exactly those payments in the explorer.
 */
export function RetryHygiene({ data, range }: { data: RetryHygieneResponse; range: { from: string; to: string } }) {
  const currency = data.currency!;
  const hard = data.afterHardDecline;
  const past = data.pastMaxAttempts;
  return (
    <div class="hygiene">
      <div class="hygiene-figures">
        <Figure
          id="after-hard-decline"
          value={hard.attempts}
          label="Retries after a do-not-retry decline"
          href={hygieneExplorerUrl(range, currency, 'after_hard_decline')}
        >
          {hard.attempts > 0
            ? <>{formatMoney(hard.amount, currency)} tried again · {plural(hard.customers, 'customer', 'customers')} · {plural(hard.intents, 'payment', 'payments')}{hard.succeeded > 0 ? ` · ${formatCount(hard.succeeded)} approved anyway` : ''}</>
            : 'None.'}
        </Figure>
        <Figure
          id="past-max-attempts"
          value={past.intents}
          label={`Payments retried more than ${data.recommendedMaxRetries} times`}
          href={hygieneExplorerUrl(range, currency, 'past_max_attempts')}
        >
          {past.intents > 0
            ? <>{plural(past.attempts, 'attempt', 'attempts')} past the {formatCount(data.recommendedMaxAttempts)}th · {formatMoney(past.amount, currency)}</>
            : `Stripe recommends at most ${data.recommendedMaxRetries}.`}
        </Figure>
        <Figure id="retries" value={data.retries} label="Retries in this range">
          {data.retries > 0 ? `${formatPercent(hard.attempts / data.retries)} of them after a do-not-retry decline` : 'No payment was tried again.'}
        </Figure>
      </div>
      <p class="hygiene-note">
        Retries on the same card after a decline marked “Do not retry this card” or advised do_not_try_again; networks charge for them.
      </p>
    </div>
  );
}
