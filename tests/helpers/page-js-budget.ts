import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Every byte of JavaScript a built page makes the browser load, gzipped: the page's <script src>
 * and inline scripts, Astro islands' component-url / renderer-url / before-hydration-url,
 * modulepreload links, and everything those files import, statically or dynamically (a dynamic
 * import is counted too: a budget that ignores lazily loaded code is no budget). Reusable by every
 * page's budget test: pass the build's static asset directory and the page's HTML (read from the
 * build when prerendered, or as the server sent it when rendered on demand).
 */

export interface PageScript {
  /** URL path ("/_astro/x.js") or "inline #n". */
  url: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageJavaScript {
  scripts: PageScript[];
  totalBytes: number;
  totalGzipBytes: number;
}

const ATTRIBUTE_URLS = [
  /<script\b[^>]*\bsrc="([^"]+)"/g,
  /<astro-island\b[^>]*\bcomponent-url="([^"]+)"/g,
  /<astro-island\b[^>]*\brenderer-url="([^"]+)"/g,
  /<astro-island\b[^>]*\bbefore-hydration-url="([^"]+)"/g,
  /<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g,
];
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;
// Minified ESM: import{a as b}from"./x.js"; import"./x.js"; export{c}from"./x.js"; import("./x.js")
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function gzipSize(text: string | Buffer): number {
  return gzipSync(text).length;
}

function isLocalScript(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}

function importsOf(code: string, fromUrl: string): string[] {
  const found: string[] = [];
  for (const pattern of [STATIC_IMPORT, DYNAMIC_IMPORT]) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[1]!;
      if (specifier.startsWith('./') || specifier.startsWith('../')) found.push(posix.normalize(posix.join(posix.dirname(fromUrl), specifier)));
      else if (isLocalScript(specifier)) found.push(specifier);
    }
  }
  return found;
}

/** `clientDir`: the build's static output (dist/ or <outDir>/client) that the page's /_astro/ URLs point into. */
export function measurePageJavaScript(clientDir: string, html: string, pageName = 'the page'): PageJavaScript {
  const scripts: PageScript[] = [];
  let inline = 0;
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const attributes = match[1] ?? '';
    // JSON data blocks are not code.
    if (/type="application\/(ld\+)?json"/.test(attributes)) continue;
    const code = match[2] ?? '';
    if (!code.trim()) continue;
    scripts.push({ url: `inline #${++inline}`, bytes: Buffer.byteLength(code), gzipBytes: gzipSize(code) });
  }
  const queue: string[] = [];
  for (const pattern of ATTRIBUTE_URLS) {
    for (const match of html.matchAll(pattern)) {
      const url = match[1]!.replace(/&amp;/g, '&').split(/[?#]/)[0]!;
      if (!isLocalScript(url)) throw new Error(`${pageName} loads a script from another origin (${url}); it cannot be measured`);
      queue.push(url);
    }
  }
  const seen = new Set<string>();
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const file = join(clientDir, url);
    if (!existsSync(file)) throw new Error(`${pageName} refers to ${url}, which the build does not contain`);
    const code = readFileSync(file);
    scripts.push({ url, bytes: code.length, gzipBytes: gzipSize(code) });
    queue.push(...importsOf(code.toString('utf8'), url));
  }
  return {
    scripts,
    totalBytes: scripts.reduce((sum, script) => sum + script.bytes, 0),
    totalGzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
  };
}

/** "92.4 KB" with KB = 1000 bytes (the stricter reading of a budget in KB). */
export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}
