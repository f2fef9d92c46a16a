import { formatCount, formatPercent } from '../../ui/format.ts';
import { failureCategoryLabel } from '../../ui/labels.ts';
import type { AlertsResponse, OverviewAlertEpisode } from '../../contract/alerts.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

/** "Mar 9, 10:30" in the reporting zone. */
function wallTime(iso: string, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/** "Mar 9, 10:30 – 15:00", "Mar 9, 22:00 – Mar 10, 01:15", "since Mar 9, 10:30". */
export function episodeSpan(episode: Pick<OverviewAlertEpisode, 'startedAt' | 'endedAt' | 'firstDay' | 'lastDay'>, timeZone: string): string {
  const start = wallTime(episode.startedAt, timeZone);
  if (!episode.endedAt) return `since ${start}, ongoing`;
  const end = wallTime(episode.endedAt, timeZone);
  return episode.firstDay === episode.lastDay ? `${start} – ${end.slice(end.indexOf(', ') + 2)}` : `${start} – ${end}`;
}

export function FailureSpikes({ data, timeZone }: { data: AlertsResponse; timeZone: string }) {
  if (data.episodes.length === 0) return <p class="empty-note">No failure spikes in this range.</p>;
  return (
    <>
    <p class="spike-note muted">Times in {timeZone}; each opens that day's failed payments.</p>
    <ul class="spike-list">
      {data.episodes.map((episode) => {
        const top = episode.topReasons[0];
        return (
          <li class="spike" key={episode.startedAt} data-spike-day={episode.firstDay}>
            <a class="spike__link" href={episode.explorerPath}>
              <span class="spike__span">{episodeSpan(episode, timeZone)}</span>
              <span class="spike__rate">
                <strong>{formatPercent(episode.failureRate)}</strong> failed <span class="muted">vs {formatPercent(episode.baselineRate)} usual</span>
              </span>
              <span class="spike__reason">
                {top ? <>{failureCategoryLabel(top.category)}{top.declineCode && <> · <code class="code">{top.declineCode}</code></>}</> : <span class="muted">no reason given</span>}
                <span class="muted"> · {formatCount(episode.failures)} of {formatCount(episode.attempts)} attempts</span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
    </>
  );
}
