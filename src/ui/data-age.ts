/**
 * How old the data on screen is. Each section knows when the server read its data (X-Generated-At)
 * and says so ("updated 2 min ago"); it also reports that time, so the page header can show the
 * oldest data on the page.
 */

/** "just now", "2 min ago", "3 h ago", "2 days ago"; null for a missing or unreadable time. */
export function formatAge(time: string | Date | null | undefined, now: Date = new Date()): string | null {
  if (time == null) return null;
  const ms = typeof time === 'string' ? Date.parse(time) : time.getTime();
  if (Number.isNaN(ms)) return null;
  const seconds = Math.max(0, (now.getTime() - ms) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** "updated just now", "updated 2 min ago", "updated 3 h ago", "updated 2 days ago". */
export function formatDataAge(generatedAt: string | Date | null | undefined, now: Date = new Date()): string {
  const age = formatAge(generatedAt, now);
  return age ? `updated ${age}` : 'age unknown';
}

const DATA_AGE_EVENT = 'dashboard:data-age';

export interface DataAgeDetail {
  /** Which part of the page (e.g. "overview/kpis"); a later report replaces an earlier one. */
  source: string;
  /** null removes the source (it failed or went away). */
  generatedAt: string | null;
}

type EventTargetLike = Pick<EventTarget, 'addEventListener' | 'removeEventListener' | 'dispatchEvent'>;

export function reportDataAge(source: string, generatedAt: string | null, target: EventTargetLike = window): void {
  target.dispatchEvent(new CustomEvent<DataAgeDetail>(DATA_AGE_EVENT, { detail: { source, generatedAt } }));
}

/** Follows reports and calls `listener` with the oldest time still reported (or null). */
export function onOldestDataAge(listener: (oldest: string | null) => void, target: EventTargetLike = window): () => void {
  const times = new Map<string, string>();
  const handle = (event: Event) => {
    const { source, generatedAt } = (event as CustomEvent<DataAgeDetail>).detail;
    if (generatedAt && !Number.isNaN(Date.parse(generatedAt))) times.set(source, generatedAt);
    else times.delete(source);
    let oldest: string | null = null;
    for (const time of times.values()) if (oldest === null || Date.parse(time) < Date.parse(oldest)) oldest = time;
    listener(oldest);
  };
  target.addEventListener(DATA_AGE_EVENT, handle);
  return () => target.removeEventListener(DATA_AGE_EVENT, handle);
}
