/**
 * The API writes every `createdAt` in the reporting time zone, as ISO 8601 with its offset
 * (2026-11-20T14:03:12+01:00). Showing the wall-clock part as written keeps the grid in that zone
 * whatever the viewer's own zone is, with no time zone database in the browser.
 */

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export interface WallClock {
  date: string;
  /** HH:MM:SS */
  time: string;
  /** "+01:00", "+00:00"; '' when the string had none. */
  offset: string;
}

export function wallClock(iso: string): WallClock | undefined {
  const match = ISO.exec(iso);
  if (!match) return undefined;
  const [, date, hm, seconds, zone] = match;
  return { date: date!, time: `${hm}${seconds ?? ':00'}`, offset: normalizeOffset(zone ?? '') };
}

function normalizeOffset(zone: string): string {
  if (!zone) return '';
  if (zone === 'Z') return '+00:00';
  const digits = zone.replace(':', '');
  return `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
}

/** "2026-11-20 14:03:12". */
export function formatReportingDateTime(iso: string): string {
  const clock = wallClock(iso);
  return clock ? `${clock.date} ${clock.time}` : iso;
}

/** "UTC" for a zero offset, otherwise "UTC+01:00". */
function zoneLabelFromOffset(offset: string): string {
  if (!offset || offset === '+00:00' || offset === '-00:00') return 'UTC';
  return `UTC${offset}`;
}

/** The UTC offset ("+01:00") of IANA `zone` at `instant`, or undefined for an unknown zone. */
export function offsetInZone(zone: string, instant: Date): string | undefined {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value;
    if (!name) return undefined;
    // "GMT" alone is a zero offset; otherwise "GMT+01:00" / "GMT-05:30".
    return name === 'GMT' ? '+00:00' : normalizeOffset(name.replace('GMT', ''));
  } catch (error) {
    // Intl's answer to a zone it does not know; anything else is a bug to see.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * The zone to name on screen. The page is static, so the name it was built with may not be the
 * one the server runs with: it is used only when every row's offset agrees with it; otherwise the
 * offsets speak for themselves (one offset → "UTC+01:00"; a DST change in the page → both).
 */
export function reportingZoneLabel(zoneName: string | undefined, createdAts: readonly string[]): string {
  if (zoneName && createdAts.length > 0 && createdAts.every((iso) => {
    const clock = wallClock(iso);
    return clock !== undefined && clock.offset === offsetInZone(zoneName, new Date(iso));
  })) {
    return zoneName;
  }
  const offsets = [...new Set(createdAts.map((iso) => wallClock(iso)?.offset ?? '').filter(Boolean))];
  if (offsets.length === 0) return '';
  return offsets.map(zoneLabelFromOffset).join(' / ');
}
