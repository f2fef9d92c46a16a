import { CliError, parseFlags, wholeNumberFlag } from '../../src/cli/cli-support.ts';
import { MAX_CHARGES } from '../../src/cli/seed.ts';

export const BENCH_USAGE =
  'usage: npm run bench -- [--charges 1000000] [--skip marts-build,pages,fallbacks]\n' +
  '  --charges N   charges in the dash_bench database (seeded once per N, reused after; default 1,000,000)\n' +
  '  --skip LIST   leave out slow parts that do not depend on N: marts-build (1M raw charges per loader), pages (Lighthouse),\n' +
  '                fallbacks (the detail-mart answers the rollups replace: tens of seconds each at 10M charges)';

export const SKIPPABLE = ['marts-build', 'pages', 'fallbacks'] as const;
export type Skippable = (typeof SKIPPABLE)[number];

export interface BenchOptions {
  charges: number;
  skip: ReadonlySet<Skippable>;
}

/** `npm run bench -- …` flags, each mistake one line naming it (CliError). */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const values = parseFlags(argv, {
    charges: { type: 'string' },
    skip: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const skip = (values.skip ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = skip.find((part) => !(SKIPPABLE as readonly string[]).includes(part));
  if (unknown !== undefined) throw new CliError(`--skip takes ${SKIPPABLE.join(', ')}; got "${unknown}"`);
  return {
    charges: wholeNumberFlag('charges', values.charges, 1_000_000, 1, MAX_CHARGES),
    skip: new Set(skip as Skippable[]),
  };
}
