/**
 * Opening the Overview in Chromium and waiting for it, for the browser tests of tests/pages.
 */
import type { BrowserContext, Page } from 'playwright-core';

export const OVERVIEW_SECTIONS = ['kpis', 'revenue', 'spikes', 'failures', 'recovery', 'top-failures'] as const;

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions (CSP violations land here too). */
  errors: string[];
}

/** A new page in `context` at `url`, recording console errors, once every section has loaded. */
export async function openOverviewPage(context: BrowserContext, url: string): Promise<WatchedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(url);
  await waitForOverviewSections(page);
  return { page, errors };
}

/** Every section finished loading (or failed); resolves to the page's clock (ms since navigation) at that moment. */
export async function waitForOverviewSections(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    (ids) => ids.every((id) => ['ready', 'error'].includes(document.querySelector(`[data-section="${id}"]`)?.getAttribute('data-state') ?? '')) && performance.now(),
    [...OVERVIEW_SECTIONS],
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Records the text each canvas draws (uPlot draws its axis labels with fillText), reset whenever a
 * canvas is cleared whole, so `drawnTexts` returns what is on each canvas now. Add before goto.
 */
export async function recordCanvasText(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const drawn = new WeakMap<HTMLCanvasElement, { text: string; x: number; y: number }[]>();
    const proto = CanvasRenderingContext2D.prototype;
    const { fillText, clearRect } = proto;
    proto.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
      const list = drawn.get(this.canvas) ?? [];
      list.push({ text: String(text), x, y });
      drawn.set(this.canvas, list);
      return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
    };
    proto.clearRect = function (x: number, y: number, w: number, h: number) {
      if (x === 0 && y === 0 && w >= this.canvas.width && h >= this.canvas.height) drawn.set(this.canvas, []);
      return clearRect.call(this, x, y, w, h);
    };
    (window as unknown as { drawnTexts: (selector: string) => unknown }).drawnTexts = (selector: string) => {
      const canvas = document.querySelector<HTMLCanvasElement>(selector);
      return canvas ? drawn.get(canvas) ?? [] : [];
    };
  });
}

export interface ChartAxisLabels {
  /** The x axis: the labels on the lowest line of text, left to right. */
  x: string[];
  /** Left and right y axes: the other labels, by x position, top to bottom. */
  left: string[];
  right: string[];
}

/** The axis labels a section's chart shows now (needs recordCanvasText). */
export async function chartAxisLabels(page: Page, section: string): Promise<ChartAxisLabels> {
  await page.waitForSelector(`[data-section="${section}"] canvas`);
  await page.waitForTimeout(150);
  const texts = (await page.evaluate((selector) => (window as unknown as { drawnTexts: (s: string) => { text: string; x: number; y: number }[] }).drawnTexts(selector), `[data-section="${section}"] canvas`));
  const width = await page.$eval(`[data-section="${section}"] canvas`, (canvas) => (canvas as HTMLCanvasElement).width);
  const bottom = Math.max(...texts.map((t) => t.y));
  const x = texts.filter((t) => t.y === bottom).sort((a, b) => a.x - b.x).map((t) => t.text);
  const others = texts.filter((t) => t.y !== bottom).sort((a, b) => a.y - b.y);
  return {
    x,
    left: others.filter((t) => t.x < width / 2).map((t) => t.text),
    right: others.filter((t) => t.x >= width / 2).map((t) => t.text),
  };
}
