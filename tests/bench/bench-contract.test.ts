import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cli-support.ts';
import { API_ROUTES } from '../../src/api/router.ts';
import { parseBenchArgs } from './bench-options.ts';
import { benchEndpoints, OVERVIEW_RANGE_DAYS } from './bench-endpoints.ts';
import { benchResultsProblems, endpointResult, type BenchResults } from './bench-results.ts';

// The bench itself is never run here (it seeds a million charges): only its flags and the shape
// of what it writes.

describe('npm run bench -- flags', () => {
  it('defaults to 1,000,000 charges and takes --charges N, underscores allowed', () => {
    expect(parseBenchArgs([])).toEqual({ charges: 1_000_000, skip: new Set() });
    expect(parseBenchArgs(['--charges', '10000000'])).toMatchObject({ charges: 10_000_000 });
    expect(parseBenchArgs(['--charges=100_000', '--skip', 'pages,marts-build'])).toEqual({ charges: 100_000, skip: new Set(['pages', 'marts-build']) });
    expect(parseBenchArgs(['--skip=fallbacks'])).toEqual({ charges: 1_000_000, skip: new Set(['fallbacks']) });
    expect(parseBenchArgs(['--help'])).toBe('help');
  });

  it.each([
    [['--charges', 'lots'], '--charges must be a whole number, got "lots"'],
    [['--charges', '0'], '--charges must be between 1 and 50000000, got 0'],
    [['--charges', '1e6'], '--charges must be a whole number, got "1e6"'],
    [['--charges'], "Option '--charges <value>' argument missing (see --help)"],
    [['--chargs', '5'], "Unknown option '--chargs' (see --help)"],
    [['1000000'], "Unexpected argument '1000000' (see --help)"],
    [['--skip', 'csv'], '--skip takes marts-build, pages, fallbacks; got "csv"'],
  ])('%j is refused in one line: %s', (argv, message) => {
    let error: unknown;
    try {
      parseBenchArgs(argv);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message.split('\n')).toHaveLength(1);
    expect((error as Error).message).toContain(message);
  });
});

describe('what the bench requests', () => {
  const endpoints = benchEndpoints('2026-11-30', 'ch_1');

  it('every GET data route, the Overview on 30 and 90 days', () => {
    const requested = new Set(endpoints.map((e) => new URL(e.path, 'http://x').pathname.replace(/\/ch_1$/, '/:chargeId')));
    const routes = API_ROUTES.filter((route) => route.method === 'GET').map((route) => route.path);
    expect(routes.filter((path) => !requested.has(path))).toEqual([]);
    for (const path of routes.filter((p) => p.startsWith('/api/overview/'))) {
      const days = endpoints.filter((e) => e.path.startsWith(`${path}?`)).map((e) => e.rangeDays);
      expect(new Set(days), path).toEqual(new Set(OVERVIEW_RANGE_DAYS));
    }
  });

  it('ranges end on the data’s last day and are as long as they say', () => {
    expect(endpoints.find((e) => e.name === 'overview/kpis' && e.rangeDays === 90)?.path).toBe('/api/overview/kpis?from=2026-09-02&to=2026-11-30');
    expect(endpoints.find((e) => e.name === 'overview/kpis' && e.rangeDays === 30)?.path).toBe('/api/overview/kpis?from=2026-11-01&to=2026-11-30');
    const keys = endpoints.map((e) => `${e.name} ${e.rangeDays}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('tests/bench/results.json', () => {
  const valid: BenchResults = {
    charges: 1_000_000,
    endpoints: [endpointResult('overview/kpis', 30, [5, 6, 7, 30], [1, 2, 3], [4, 4, 5])],
    pagination: { firstMs: 6.1, lastMs: 5.9 },
    csv: { rowsPerSec: 250_000, peakRssMb: 150 },
    coldStartMs: 55,
  };

  it('an endpoint: overhead is the uncached p50 less its SQL’s p50', () => {
    expect(valid.endpoints[0]).toEqual({ name: 'overview/kpis', rangeDays: 30, p50Ms: 6, p95Ms: 30, cachedP50Ms: 2, sqlP50Ms: 4, overheadMs: 2 });
    expect(endpointResult('health', null, [1.234, 1.5], [], [0.5])).toMatchObject({ cachedP50Ms: null, overheadMs: 0.73 });
    expect(benchResultsProblems(valid)).toEqual([]);
  });

  it('exactly the contract’s fields, each of its type', () => {
    expect(benchResultsProblems({ ...valid, machine: 'x' })).toEqual(['results.machine is not part of the contract']);
    const { coldStartMs: _, ...noColdStart } = valid;
    expect(benchResultsProblems(noColdStart)).toEqual(['results.coldStartMs is missing']);
    expect(benchResultsProblems({ ...valid, endpoints: [{ ...valid.endpoints[0], ratio: 2 }] })).toEqual(['results.endpoints[0].ratio is not part of the contract']);
    expect(benchResultsProblems({ ...valid, endpoints: [{ ...valid.endpoints[0], p95Ms: Number.NaN, rangeDays: 0 }] })).toEqual([
      'results.endpoints[0].rangeDays is not a number of days or null',
      'results.endpoints[0].p95Ms is not a number',
    ]);
    expect(benchResultsProblems({ ...valid, csv: { rowsPerSec: 1 } })).toEqual(['results.csv.peakRssMb is missing']);
    expect(benchResultsProblems({ ...valid, pagination: { firstMs: '1', lastMs: 2 } })).toEqual(['results.pagination holds a value that is not a number']);
    expect(benchResultsProblems({ ...valid, charges: 0, endpoints: [] })).toEqual(['results.charges is not a positive whole number', 'results.endpoints is not a list of endpoints']);
  });
});
