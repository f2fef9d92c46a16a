import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, isAbortError } from '../../ui/fetch-json.ts';
import { failureCategoryLabel, recoveryActionLabel } from '../../ui/labels.ts';
import { formatMoney } from '../../contract/money.ts';
import { CopyButton } from './CopyButton.tsx';
import { funnelLabel } from '../../ui/code-labels.ts';
import { cardLabel, statusLabel } from './payment-labels.ts';
import type { PaymentDetailResponse as Detail, PaymentRow } from '../../contract/payments.ts';
import { fetchPaymentDetail } from './payments-api.ts';
import { formatReportingDateTime } from './reporting-time.ts';
import { attemptAgainstLimit, summarizeRetryHistory } from './retry-history.ts';

interface Props {
  /** The grid row, shown at once while the full detail loads. */
  row: PaymentRow;
}

type State = { kind: 'loading' } | { kind: 'ready'; detail: Detail } | { kind: 'error'; message: string };

function stripeDashboardUrl(chargeId: string): string {
  return `https://dashboard.stripe.com/payments/${encodeURIComponent(chargeId)}`;
}

function StatusBadge({ status }: { status: string }) {
  const label = statusLabel(status);
  return (
    <span class={`status status-${status}`}>
      <span class="status-icon" aria-hidden="true">{label.icon}</span> {label.text}
    </span>
  );
}

function IdValue({ id, label }: { id: string | null; label: string }) {
  if (!id) return <span class="muted">—</span>;
  return (
    <span class="id-value">
      <code>{id}</code> <CopyButton value={id} label={label} />
    </span>
  );
}

function Field({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="detail-field">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function PaymentDetailPanel({ row }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetchPaymentDetail(row.chargeId, { signal: controller.signal }).then(
      ({ data }) => setState({ kind: 'ready', detail: data }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        setState({ kind: 'error', message: error instanceof ApiError ? error.message : 'The payment could not be loaded. Please try again.' });
      },
    );
    return () => controller.abort();
  }, [row.chargeId, attempt]);

  const charge = state.kind === 'ready' ? state.detail.charge : undefined;
  const c = charge ?? row;
  const failed = c.status === 'failed';
  const card = cardLabel(c.cardBrand, c.cardLast4);
  const limit = state.kind === 'ready' && state.detail.retryLimit && c.paymentIntentId ? attemptAgainstLimit(c.attemptNumber, state.detail.retryLimit) : undefined;

  return (
    <section class="payment-detail" aria-label={`Payment ${row.chargeId}`} aria-busy={state.kind === 'loading'}>
      <div class="detail-columns">
        <div class="detail-facts">
          <h2 class="detail-heading">Charge</h2>
          <dl>
            <Field term="Charge id"><IdValue id={c.chargeId} label="charge id" /></Field>
            <Field term="Payment intent"><IdValue id={c.paymentIntentId} label="payment intent id" /></Field>
            <Field term="Customer"><IdValue id={c.customerId} label="customer id" /></Field>
            <Field term="Profile">{charge ? <IdValue id={charge.profileId} label="profile id" /> : <span class="muted">…</span>}</Field>
            <Field term="Created">{formatReportingDateTime(c.createdAt)}</Field>
            <Field term="Amount"><span class="tabular">{formatMoney(c.amount, c.currency)}</span> <span class="currency-code">{c.currency.toUpperCase()}</span></Field>
            <Field term="Card">{card ? `${card}${c.cardCountry ? ` (${c.cardCountry})` : ''}` : <span class="muted">—</span>}</Field>
            <Field term="Funnel">{funnelLabel(c.funnel) || <span class="muted">—</span>}</Field>
            <Field term="Status">
              <StatusBadge status={c.status} />
              {limit && <> <span class={limit.over ? 'attempt-limit attempt-limit--over' : 'attempt-limit'} title={limit.title}>{limit.text}</span></>}
            </Field>
            {failed && (
              <>
                <Field term="Failure">{failureCategoryLabel(c.failureCategory)}</Field>
                <Field term="Failure code">{c.failureCode ? <code>{c.failureCode}</code> : <span class="muted">—</span>}</Field>
                <Field term="Decline code">{c.declineCode ? <code>{c.declineCode}</code> : <span class="muted">—</span>}</Field>
                <Field term="Message">{charge ? (charge.failureMessage ?? <span class="muted">—</span>) : <span class="muted">…</span>}</Field>
                {charge?.adviceCode && <Field term="Advice code"><code>{charge.adviceCode}</code></Field>}
                <Field term="What to do"><strong>{recoveryActionLabel(c.recoveryAction)}</strong></Field>
              </>
            )}
          </dl>
          <p class="detail-links">
            <a href={stripeDashboardUrl(c.chargeId)} target="_blank" rel="noopener noreferrer">
              Open in the Stripe Dashboard<span class="visually-hidden"> (opens in a new tab)</span> <span aria-hidden="true">↗</span>
            </a>
          </p>
        </div>
        <div class="detail-history">
          <h2 class="detail-heading">Retry history</h2>
          {state.kind === 'loading' && <p class="muted" role="status">Loading the attempts…</p>}
          {state.kind === 'error' && (
            <div class="inline-error" role="alert">
              <p>{state.message}</p>
              <button type="button" onClick={() => setAttempt((n) => n + 1)}>Try again</button>
            </div>
          )}
          {state.kind === 'ready' && <RetryHistoryTable detail={state.detail} currentChargeId={row.chargeId} />}
        </div>
      </div>
    </section>
  );
}

function RetryHistoryTable({ detail, currentChargeId }: { detail: Detail; currentChargeId: string }) {
  const history = summarizeRetryHistory(detail.attempts.length ? detail.attempts : [detail.charge], currentChargeId);
  const currency = detail.charge.currency;
  const outcomeIcon = history.outcome === 'failed' ? '✕' : history.outcome === 'pending' ? '…' : '✓';
  return (
    <>
      <table class="attempts">
        <caption class="visually-hidden">
          Attempts of payment intent {detail.charge.paymentIntentId ?? '(none)'}, oldest first
        </caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col" class="num">Amount</th>
            <th scope="col">Outcome</th>
            <th scope="col">Failure</th>
          </tr>
        </thead>
        <tbody>
          {history.attempts.map((item) => (
            <tr key={item.chargeId} class={item.isCurrent ? 'is-current' : undefined} aria-current={item.isCurrent ? 'true' : undefined} data-charge-id={item.chargeId}>
              <th scope="row">
                {item.number}
                {item.isCurrent && <span class="current-marker"> (this charge)</span>}
              </th>
              <td class="tabular">{formatReportingDateTime(item.createdAt)}</td>
              <td class="num tabular">{formatMoney(item.amount, currency)}</td>
              <td><StatusBadge status={item.status} /></td>
              <td>
                {item.failure
                  ? <>{item.failure}{item.reason && ' '}{item.reason && <span class="failure-reason" title={item.declineCode ?? item.failureCode ?? ''}>{item.reason}</span>}</>
                  : <span class="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class={`final-outcome outcome-${history.outcome}`}>
        <span aria-hidden="true">{outcomeIcon} </span>
        <strong>Final outcome:</strong> {history.summary}
      </p>
    </>
  );
}

