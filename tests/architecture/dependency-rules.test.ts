/**
 * The layering of README "How it is built", enforced: dependency-cruiser with .dependency-cruiser.cjs
 * over src and netlify finds no import cycle and no import against the layering. A failure lists
 * each violation as `rule: from → to` (and the cycle's path).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = new URL('../../', import.meta.url);

/** As `npx depcruise src netlify --config .dependency-cruiser.cjs` from the project root (vitest's working directory). */
async function cruiseTree(): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const result = await cruise(['src', 'netlify'], options, undefined, { tsConfig: extractTSConfig('tsconfig.json') });
  return result.output as ICruiseResult;
}

describe('the import graph', () => {
  it('has no cycles and no import against the layering', { timeout: 120_000 }, async () => {
    const result = await cruiseTree();
    // Guards against a vacuous pass: the whole tree was read.
    expect(result.summary.totalCruised).toBeGreaterThan(200);
    const violations = result.summary.violations.map((violation) =>
      `${violation.rule.name}: ${violation.from} → ${violation.to}${violation.cycle?.length ? ` (cycle: ${violation.cycle.map((step) => step.name).join(' → ')})` : ''}`);
    expect(violations).toEqual([]);
  });
});

describe('README "How it is built"', () => {
  it('names every folder of src/, and no folder that is not there', () => {
    const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
    const section = readme.slice(readme.indexOf('## How it is built'));
    const diagram = section.slice(section.indexOf('```'), section.indexOf('```', section.indexOf('```') + 3));
    const named = [...diagram.matchAll(/^\s+src\/([a-z]+)\//gm)].map((match) => match[1]).sort();
    const folders = readdirSync(new URL('src/', ROOT), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    expect(named).toEqual(folders);
  });
});
