import { inject } from 'vitest';

/** What the suite's global setup prepares once and every file shares. */
export interface Dataset {
  charges: number;
  /** First and last created_at dates in the reporting zone (UTC here). */
  firstDate: string;
  lastDate: string;
  currencies: string[];
  funnels: string[];
  brands: string[];
  /** A sample of real ids to search for and open. */
  chargeIds: string[];
  intentIds: string[];
  customerIds: string[];
  /** Charges whose payment intent has more than one attempt. */
  retriedChargeIds: string[];
}

export interface ResilienceContext {
  nodeBuildDir: string;
  /** Superuser URL of the scratch database (checks only; the app never gets it). */
  adminDatabaseUrl: string;
  /** The app's DATABASE_URL: the read-only role. */
  readerUrl: string;
  readerRole: string;
  readerPassword: string;
  dashboardPassword: string;
  sessionSecret: string;
  figuresFile: string;
  dataset: Dataset;
}

declare module 'vitest' {
  export interface ProvidedContext {
    resilience: ResilienceContext;
  }
}

export function suiteContext(): ResilienceContext {
  return inject('resilience');
}
