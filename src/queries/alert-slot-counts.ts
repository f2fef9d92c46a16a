import type { MartSource } from './mart-source.ts';

/** Counts for one currency, slot by slot from SlotCounts.firstSlot. */
export interface CurrencySlots {
  attempts: Float64Array;
  failures: Float64Array;
}

export interface SlotCounts {
  /** Absolute index of the first slot (epoch ms / interval ms). */
  firstSlot: number;
  /** Number of slots covered. */
  length: number;
  currencies: ReadonlyMap<string, CurrencySlots>;
}

interface SlotRow {
  currency: string;
  slot: number;
  attempts: number;
  failures: number;
}

/**
 * Succeeded + failed attempts and failures per currency and per slot of `slotMs` (aligned on the
 * epoch, so slots are the same whatever the reporting zone) for slots [firstSlot, endSlot).
 * Pending charges have no outcome yet and are left out, as in every success rate. Only first
 * attempts count: retries go to cards that already failed, in bursts a dunning schedule decides,
 * so they fail often and together without anything being wrong (README "Failure-spike alerts").
 */
export async function getAlertSlotCounts(
  { db, tables }: MartSource,
  slotMs: number,
  firstSlot: number,
  endSlot: number,
  /** Only this currency (the Overview's), else all of them. */
  currency: string | null = null,
): Promise<SlotCounts> {
  const rows = await db.query<SlotRow>(
    `select currency,
            -- date_part is float8; extract() would do numeric arithmetic on every row (3× slower).
            floor(date_part('epoch', created_at) * 1000 / $3)::int8        as slot,
            count(*)::int                                                   as attempts,
            count(*) filter (where status = 'failed')::int                  as failures
       from ${tables.payments}
      where created_at >= to_timestamp($1::float8 / 1000)
        and created_at <  to_timestamp($2::float8 / 1000)
        and status in ('succeeded', 'failed')
        and attempt_number = 1
        and ($4::text is null or currency = $4)
      group by 1, 2`,
    [firstSlot * slotMs, endSlot * slotMs, slotMs, currency],
  );
  const length = Math.max(0, endSlot - firstSlot);
  const currencies = new Map<string, CurrencySlots>();
  for (const row of rows) {
    let series = currencies.get(row.currency);
    if (!series) {
      series = { attempts: new Float64Array(length), failures: new Float64Array(length) };
      currencies.set(row.currency, series);
    }
    series.attempts[row.slot - firstSlot] = row.attempts;
    series.failures[row.slot - firstSlot] = row.failures;
  }
  return { firstSlot, length, currencies };
}
