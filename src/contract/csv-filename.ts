/**
 * The CSV export's file name, shared by the server (Content-Disposition) and the page (the name
 * a save dialog suggests before the first byte arrives): what and when, e.g.
 * `failed-payments_2026-05-01_to_2026-05-31_Europe-Paris_exported-20261126T0942Z.csv`.
 */
export interface CsvFilenameFilters {
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function csvFilename(filters: CsvFilenameFilters, timeZone: string, exportedAt: Date): string {
  const what = filters.status ? `${filters.status}-payments` : 'payments';
  const range = filters.from && filters.to ? `${filters.from}_to_${filters.to}`
    : filters.from ? `from_${filters.from}`
    : filters.to ? `until_${filters.to}`
    : 'all-dates';
  const zone = timeZone.replace(/[^A-Za-z0-9_+-]+/g, '-');
  const stamp = exportedAt.toISOString().replace(/[-:]/g, '').slice(0, 13);
  return `${what}_${range}_${zone}_exported-${stamp}Z.csv`;
}

/** The file name a Content-Disposition header gives, if it gives a .csv one. */
export function csvFilenameFromDisposition(header: string | null): string | undefined {
  const name = header ? /filename="([^"]+\.csv)"/.exec(header)?.[1] : undefined;
  return name;
}
