import type { Config } from '../../config/config.ts';

export const LOADERS = ['fivetran', 'airbyte'] as const;
export type Loader = (typeof LOADERS)[number];

export const LOADER_LABELS: Record<Loader, string> = {
  fivetran: "Fivetran's Stripe connector",
  airbyte: "Airbyte's Stripe source",
};

/** Everything one build needs: which raw tables, where the marts go, and the project's vars. */
export interface MartBuildSettings extends Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable' | 'reportingTimezone'>, Partial<Pick<Config, 'acceptanceTable' | 'failuresTable' | 'retryHygieneTable' | 'alertSlotsTable'>> {
  source: Loader;
  rawSchema: string;
  funnelMetadataKey: string;
  profileMetadataKey: string;
}
