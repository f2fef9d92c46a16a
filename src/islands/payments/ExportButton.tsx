/**
 * Export CSV: the whole filtered result in keyset chunks (src/ui/csv-export.ts), streamed to a
 * file where the browser offers a save-file stream (File System Access), else assembled into a
 * Blob; a progress bar with rows, size and time left, and Cancel, which leaves no file behind.
 * Disabled while the list shows an error: the same filters would only export that error.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { blobDownloadSink, exportCsvInChunks, fileStreamSink, type CsvSink, type ExportProgress, type WritableFileLike } from '../../ui/csv-export.ts';
import { csvFilename } from '../../contract/csv-filename.ts';
import { describeExportProgress, formatBytes } from '../../ui/export-progress.ts';
import { isAbortError } from '../../ui/fetch-json.ts';

interface SaveFilePicker {
  (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }): Promise<{ createWritable(): Promise<WritableFileLike> }>;
}

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ExportProgress | undefined }
  | { kind: 'done'; rows: number; bytes: number; filename: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

interface Props {
  /** /api/payments.csv for the view on screen. */
  csvUrl: string;
  /** The filters the file name describes. */
  filters: { status: string; from: string; to: string };
  timeZone: string;
  /** Why exporting makes no sense now (the list shows an error); undefined when it does. */
  disabledReason: string | undefined;
}

const count = new Intl.NumberFormat('en-US');

/** The save-file stream, opened inside the click (the picker needs the user's gesture). */
async function pickFile(suggestedName: string): Promise<CsvSink | undefined> {
  const picker = (window as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  if (!picker) return undefined;
  const handle = await picker({ suggestedName, types: [{ description: 'CSV file', accept: { 'text/csv': ['.csv'] } }] });
  return fileStreamSink(await handle.createWritable());
}

export function ExportButton({ csvUrl, filters, timeZone, disabledReason }: Props) {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const controller = useRef<AbortController>();
  useEffect(() => () => controller.current?.abort(), []);

  const start = async () => {
    if (disabledReason || state.kind === 'running') return;
    let chosen: CsvSink | undefined;
    try {
      chosen = await pickFile(csvFilename(filters, timeZone, new Date()));
    } catch (error) {
      if (isAbortError(error)) return; // the save dialog was dismissed
      chosen = undefined; // no permission to write there: fall back to a download
    }
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: 'running', progress: undefined });
    try {
      const result = await exportCsvInChunks({
        url: csvUrl,
        signal: abort.signal,
        openSink: async (filename) => chosen ?? blobDownloadSink(filename),
        onProgress: (progress) => setState({ kind: 'running', progress }),
      });
      setState({ kind: 'done', ...result });
    } catch (error) {
      setState(isAbortError(error) ? { kind: 'cancelled' } : { kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      controller.current = undefined;
    }
  };

  if (state.kind === 'running') {
    const { progress } = state;
    return (
      <div class="csv-export" data-export-state="running">
        <progress
          class="csv-export__bar"
          aria-label="CSV export progress"
          max={progress?.total ?? undefined}
          value={progress?.total ? progress.rows : undefined}
        />
        <span class="csv-export__text" role="status" data-export-progress>
          {progress ? describeExportProgress(progress) : 'Starting the export…'}
        </span>
        <button type="button" class="button" onClick={() => controller.current?.abort()}>Cancel</button>
      </div>
    );
  }

  const note = state.kind === 'done' ? `Exported ${count.format(state.rows)} rows (${formatBytes(state.bytes)})`
    : state.kind === 'cancelled' ? 'Export cancelled'
    : state.kind === 'failed' ? `Export failed: ${state.message}`
    : undefined;
  return (
    <div class="csv-export" data-export-state={state.kind}>
      {note && <span class={`csv-export__text${state.kind === 'failed' ? ' is-error' : ''}`} role="status">{note}</span>}
      <button
        type="button"
        class="button payments-export"
        onClick={start}
        disabled={Boolean(disabledReason)}
        title={disabledReason}
      >
        Export CSV<span class="visually-hidden"> of every payment matching the filters</span>
      </button>
    </div>
  );
}
