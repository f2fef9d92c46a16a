/** The export's progress in words: "12,000 of 1,000,000 rows · 2.4 MB · about 1 min left". */
import type { ExportProgress } from './csv-export.ts';

const count = new Intl.NumberFormat('en-US');

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(0)} KB`;
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}

function formatTimeLeft(ms: number | null): string | undefined {
  if (ms === null) return undefined;
  const seconds = Math.round(ms / 1000);
  if (seconds < 5) return 'a few seconds left';
  if (seconds < 60) return `about ${seconds} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

export function describeExportProgress(progress: ExportProgress): string {
  const rows = progress.total === null
    ? `${count.format(progress.rows)} rows`
    : `${count.format(progress.rows)} of ${count.format(progress.total)} rows`;
  return [rows, formatBytes(progress.bytes), progress.rows < (progress.total ?? Infinity) ? formatTimeLeft(progress.remainingMs) : undefined]
    .filter(Boolean)
    .join(' · ');
}
