import { formatRange } from '../../ui/date-range.ts';
import type { Kpi, KpisResponse, WithCurrency } from '../../contract/overview.ts';
import { DIRECTION_ARROWS, KPI_SPECS, PER_PAYMENT_SPEC, describeKpiChange, formatKpiValue, type KpiSpec } from './kpi-format.ts';

export const SUCCESS_RATE_HELP = 'Per attempt counts every charge, retries included; per payment counts each payment once, by whether any attempt succeeded.';

/**
 * Both rates Stripe's acceptance analytics offers, raw and deduplicated: "89.8% of attempts ·
 * 96.1% of payments", the per-payment one with its own change, explained on hover and on focus.
 */
function SuccessRateValue({ value, perPayment, currency }: { value: string; perPayment: Kpi | null; currency: string }) {
  const unique = perPayment ? formatKpiValue(PER_PAYMENT_SPEC, perPayment.value, currency) : '—';
  const change = perPayment ? describeKpiChange(PER_PAYMENT_SPEC, perPayment) : null;
  return (
    <div class="kpi-card__rates">
      <p class="kpi-card__value" title={`${value} of attempts`}>
        <span data-kpi-value>{value}</span><span class="kpi-card__unit"> of attempts</span>
      </p>
      <p class="kpi-card__also" data-sentiment={change?.sentiment ?? 'neutral'}>
        <span class="kpi-card__sep" aria-hidden="true">· </span>
        <strong data-kpi-unique>{unique}</strong> of payments
        {change && <span class="kpi-card__also-change"> ({change.text}{change.verdict && <span class="visually-hidden">, {change.verdict}</span>})</span>}
        <button type="button" class="kpi-card__info" aria-describedby="success-rate-help" aria-label="What the two success rates mean">?</button>
        <span class="tooltip" role="tooltip" id="success-rate-help">{SUCCESS_RATE_HELP}</span>
      </p>
    </div>
  );
}

export function KpiCards({ data }: { data: WithCurrency<KpisResponse> }) {
  const previous = formatRange(data.previous);
  return (
    <ul class="kpi-grid">
      {KPI_SPECS.map((spec) => {
        const kpi = data.kpis[spec.name];
        const change = describeKpiChange(spec, kpi);
        const value = formatKpiValue(spec, kpi.value, data.currency);
        const previousValue = formatKpiValue(spec, kpi.previous, data.currency);
        return (
          <li class="kpi-card" key={spec.name} data-kpi={spec.name}>
            <KpiLabel spec={spec} />
            {spec.name === 'successRate' ? (
              <SuccessRateValue value={value} perPayment={data.kpis.uniqueSuccessRate ?? null} currency={data.currency} />
            ) : (
              <p class="kpi-card__value" data-kpi-value title={value}>{value}</p>
            )}
            <p class="kpi-card__change" data-sentiment={change?.sentiment ?? 'neutral'} title={`Previous period, ${previous}: ${previousValue}`}>
              {change ? (
                <>
                  <span aria-hidden="true" class="kpi-card__arrow">{DIRECTION_ARROWS[change.direction]}</span>{' '}
                  <span data-kpi-change>{change.text}</span>
                  {change.verdict && <span class="visually-hidden"> ({change.verdict})</span>}
                </>
              ) : (
                <span data-kpi-change>No previous data</span>
              )}
              <span class="kpi-card__vs"> vs {previous}</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}

function KpiLabel({ spec }: { spec: KpiSpec }) {
  return (
    <h3 class="kpi-card__label" title={spec.hint?.long}>
      {spec.label}
      {spec.hint && <span class="kpi-card__hint" data-kpi-hint>{spec.hint.short}</span>}
    </h3>
  );
}

/** Four cards of the final size with placeholder bars; the heading text is real so it never moves. */
export function KpiSkeleton() {
  return (
    <ul class="kpi-grid">
      {KPI_SPECS.map((spec) => (
        <li class="kpi-card" key={spec.name}>
          <KpiLabel spec={spec} />
          <p class="kpi-card__value"><span class="skeleton skeleton--value" /></p>
          <p class="kpi-card__change"><span class="skeleton skeleton--line" /></p>
        </li>
      ))}
    </ul>
  );
}
