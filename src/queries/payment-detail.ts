import type { MartSource } from './mart-source.ts';
import type { AttemptRow, PaymentDetailRow } from '../contract/payments.ts';
import { paymentDetailColumnsSql } from './payment-row.ts';
import { adviceCodeSql, recoveryActionSql } from './recovery-action-sql.ts';

export async function getPaymentDetail(source: MartSource, chargeId: string): Promise<PaymentDetailRow | undefined> {
  const rows = await source.db.query<PaymentDetailRow>(
    `select ${paymentDetailColumnsSql(source)} from ${source.tables.payments} where charge_id = $1`,
    [chargeId],
  );
  return rows[0];
}

/** Every attempt of a payment intent, in the order they were made. */
export async function getIntentAttempts(source: MartSource, paymentIntentId: string): Promise<AttemptRow[]> {
  return source.db.query<AttemptRow>(
    `select charge_id as "chargeId", created_at as "createdAt", amount, status,
            failure_code as "failureCode", decline_code as "declineCode", failure_category as "failureCategory",
            ${adviceCodeSql(source)} as "adviceCode",
            ${recoveryActionSql(source)} as "recoveryAction", attempt_number as "attemptNumber"
       from ${source.tables.payments}
      where payment_intent_id = $1
      order by attempt_number, created_at, charge_id`,
    [paymentIntentId],
  );
}
