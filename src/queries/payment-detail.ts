import type { MartSource } from './mart-source.ts';
import { paymentDetailColumnsSql, type PaymentDetailRow } from './payment-row.ts';
import { adviceCodeSql, recoveryActionSql } from './recovery-action-sql.ts';

export interface AttemptRow {
  chargeId: string;
  createdAt: string;
  amount: number;
  status: PaymentDetailRow['status'];
  failureCode: string | null;
  declineCode: string | null;
  /** So the retry history names each failure as the list does, by its category. */
  failureCategory: string | null;
  adviceCode: string | null;
  /** The attempt's recommended action (the advice code's where there is one). */
  recoveryAction: string | null;
  attemptNumber: number;
}

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
