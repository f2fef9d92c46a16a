/**
 * Behaviour of the layout's default header slots, as a bundled module (the CSP forbids inline
 * scripts): the Refresh button runs refreshAll(), and the data-age display shows the oldest data
 * any section of the page reported, kept current every 30 seconds.
 */
import { formatDataAge, onOldestDataAge } from '../ui/data-age.ts';
import { refreshAll } from '../ui/refresh.ts';

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

  if (age) {
    let oldest: string | null = null;
    const render = () => {
      age.textContent = oldest ? `Data ${formatDataAge(oldest)}` : '';
      if (oldest) age.title = `Oldest data on this page was read at ${new Date(oldest).toLocaleString()}`;
    };
    onOldestDataAge((time) => {
      oldest = time;
      render();
    });
    setInterval(render, 30_000);
  }
}
