import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { measurePageJavaScript } from '../helpers/page-js-budget.ts';

export interface PageWeight {
  path: string;
  jsGzipBytes: number;
  cssGzipBytes: number;
  htmlGzipBytes: number;
}

export interface LighthouseScores {
  performance: number;
  accessibility: number;
  bestPractices: number;
}

const STYLESHEET = /<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g;

/**
 * Gzipped bytes of a page's HTML as the server sends it (the Node build renders pages on demand
 * behind the session guard), its stylesheets and every script it loads, read from the build.
 */
export function measurePageWeight(clientDir: string, path: string, html: string): PageWeight {
  let cssGzipBytes = 0;
  for (const match of html.matchAll(STYLESHEET)) {
    const file = join(clientDir, match[1]!);
    if (existsSync(file)) cssGzipBytes += gzipSync(readFileSync(file)).length;
  }
  return {
    path,
    jsGzipBytes: measurePageJavaScript(clientDir, html, path).totalGzipBytes,
    cssGzipBytes,
    htmlGzipBytes: gzipSync(html).length,
  };
}

/**
 * Lighthouse (pinned in package.json) with its desktop preset, driving Debian's Chromium, logged
 * in through the session cookie. The desktop preset because the dashboard is used on laptops;
 * its throttling still simulates a slower network and CPU than this machine.
 */
export async function runLighthouse(urls: string[], cookie: string): Promise<Map<string, LighthouseScores>> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const scores = new Map<string, LighthouseScores>();
  try {
    for (const url of urls) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        extraHeaders: { Cookie: cookie },
      }, desktopConfig);
      const categories = result?.lhr.categories;
      const score = (id: string) => Math.round((categories?.[id]?.score ?? 0) * 100);
      scores.set(url, { performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices') });
    }
  } finally {
    await chrome.kill();
  }
  return scores;
}
