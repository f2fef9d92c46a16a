import { formatRange } from '../../ui/date-range.ts';
import type { KpisResponse } from './api-types.ts';
import { DIRECTION_ARROWS, KPI_SPECS, describeKpiChange, formatKpiValue, type KpiSpec } from './kpi-format.ts';

export function KpiCards({ data }: { data: KpisResponse }) {
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
            <p class="kpi-card__value" data-kpi-value title={value}>{value}</p>
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
