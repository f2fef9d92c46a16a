/**
 * Mounts the explorer island from a bundled module script. Astro's client:only island would add
 * its hydration runtime as inline <script> and <style> elements, which the dashboard's CSP
 * (no 'unsafe-inline') refuses; a plain module script is a file like any other. The static
 * placeholder in the mount point is replaced by the island.
 */
import { render } from 'preact';
import PaymentsExplorer from './PaymentsExplorer.tsx';

export function mountPaymentsExplorer(root: HTMLElement | null): void {
  if (!root) return;
  const timeZone = root.dataset.timeZone || undefined;
  root.replaceChildren();
  render(<PaymentsExplorer timeZone={timeZone} />, root);
}
