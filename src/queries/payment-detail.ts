import type { MartSource } from './mart-source.ts';
import { PAYMENT_DETAIL_COLUMNS_SQL, type PaymentDetailRow } from './payment-row.ts';

export interface AttemptRow {
  chargeId: string;
  createdAt: string;
  amount: number;
  status: PaymentDetailRow['status'];
  failureCode: string | null;
  declineCode: string | null;
  /** So the retry history names each failure as the list does, by its category. */
  failureCategory: string | null;
}

export async function getPaymentDetail({ db, tables }: MartSource, chargeId: string): Promise<PaymentDetailRow | undefined> {
  const rows = await db.query<PaymentDetailRow>(
    `select ${PAYMENT_DETAIL_COLUMNS_SQL} from ${tables.payments} where charge_id = $1`,
    [chargeId],
  );
  return rows[0];
}

/** Every attempt of a payment intent, in the order they were made. */
export async function getIntentAttempts({ db, tables }: MartSource, paymentIntentId: string): Promise<AttemptRow[]> {
  return db.query<AttemptRow>(
    `select charge_id as "chargeId", created_at as "createdAt", amount, status,
            failure_code as "failureCode", decline_code as "declineCode", failure_category as "failureCategory"
       from ${tables.payments}
      where payment_intent_id = $1
      order by attempt_number, created_at, charge_id`,
    [paymentIntentId],
  );
}
