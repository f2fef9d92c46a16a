/**
 * Behaviour of the layout's default header slots, as a bundled module (the CSP forbids inline
 * scripts): the Refresh button runs refreshAll(), and the data-age display shows the newest
 * charge's age (GET /api/freshness) beside the oldest data any section of the page reported, kept
 * current every 30 seconds, with a visible warning when the marts are stale or disagree.
 */
import { formatDataAge, onOldestDataAge } from '../ui/data-age.ts';
import { fetchJson } from '../ui/fetch-json.ts';
import type { FreshnessResponse } from '../contract/freshness.ts';
import { describeFreshness } from '../ui/freshness.ts';
import { onRefresh, refreshAll } from '../ui/refresh.ts';

export function startHeaderControls(root: ParentNode): void {
  const button = root.querySelector<HTMLButtonElement>('[data-refresh-all]');
  const status = root.querySelector<HTMLElement>('[data-refresh-status]');
  const age = root.querySelector<HTMLElement>('[data-data-age]');

  const say = (text: string, tone?: 'error') => {
    if (!status) return;
    status.textContent = text;
    if (tone) status.dataset.tone = tone;
    else delete status.dataset.tone;
  };

  if (button) {
    let busy = false;
    button.addEventListener('click', async () => {
      if (busy) return;
      // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
      busy = true;
      button.setAttribute('aria-disabled', 'true');
      button.textContent = 'Refreshing…';
      say('');
      try {
        await refreshAll();
        say('Data refreshed');
      } catch (error) {
        say(`Could not refresh: ${error instanceof Error ? error.message : String(error)}`, 'error');
      } finally {
        busy = false;
        button.removeAttribute('aria-disabled');
        button.textContent = 'Refresh';
      }
    });
  }

  const warning = root.querySelector<HTMLElement>('[data-freshness-warning]');
  if (age) {
    let oldest: string | null = null;
    let freshness: FreshnessResponse | undefined;
    const render = () => {
      if (freshness) {
        const view = describeFreshness(freshness, oldest);
        age.textContent = view.summary;
        age.dataset.stale = String(freshness.stale);
        age.title = freshness.newestChargeAt ? `Newest charge in the marts: ${new Date(freshness.newestChargeAt).toLocaleString()}` : '';
        if (warning) {
          warning.replaceChildren(...view.warnings.map((text) => Object.assign(document.createElement('p'), { textContent: text })));
          warning.hidden = view.warnings.length === 0;
        }
        return;
      }
      age.textContent = oldest ? `Data ${formatDataAge(oldest)}` : '';
      if (oldest) age.title = `Oldest data on this page was read at ${new Date(oldest).toLocaleString()}`;
    };
    const load = (reload = false) =>
      fetchJson<FreshnessResponse>('/api/freshness', { reload }).then(
        ({ data }) => {
          freshness = data;
          render();
        },
        // The sections say what is wrong with the data; the header falls back to their age.
        () => {
          freshness = undefined;
          render();
        },
      );
    onOldestDataAge((time) => {
      oldest = time;
      render();
    });
    onRefresh(() => load(true));
    void load();
    setInterval(render, 30_000);
  }
}
