/** GET /api/freshness: how new the marts' data is, for the header line and the stale warning. */
export interface FreshnessResponse {
  /** ISO 8601 with the reporting zone's offset; null when the detail mart is empty. */
  newestChargeAt: string | null;
  /** 'YYYY-MM-DD', the daily mart's last date; null when it is empty. */
  dailyMartThrough: string | null;
  staleAfterHours: number;
  stale: boolean;
  /** The marts' schema-qualified names, so a warning can say which one to rebuild. */
  marts: { payments: string; daily: string };
}
