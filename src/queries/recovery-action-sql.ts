import { ADVICE_CODE_ACTIONS } from '../marts/recovery-advice.ts';
import type { MartSource } from './mart-source.ts';

/**
 * The recommended action of a charge as SQL: Stripe's advice code when the mart has the optional
 * advice_code column and the charge carries a known one, else the action the decline-code mapping
 * gave (recovery_action). `prefix` qualifies the columns ('e.'). The literals come from
 * ADVICE_CODE_ACTIONS, never from input.
 */
export function recoveryActionSql(source: Pick<MartSource, 'adviceCode'>, prefix = ''): string {
  if (!source.adviceCode) return `${prefix}recovery_action`;
  const whens = Object.entries(ADVICE_CODE_ACTIONS).map(([advice, action]) => `when '${advice}' then '${action}'`).join(' ');
  return `(case ${prefix}advice_code ${whens} else ${prefix}recovery_action end)`;
}

/** The advice code as SQL, or a typed null when the mart has no advice_code column. */
export function adviceCodeSql(source: Pick<MartSource, 'adviceCode'>, prefix = ''): string {
  return source.adviceCode ? `${prefix}advice_code` : 'null::text';
}
