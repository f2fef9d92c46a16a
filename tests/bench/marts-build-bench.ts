/**
 * `npm run bench:marts`: only the marts:build measurement of `npm run bench` (1,000,000 raw
 * charges per loader → both marts). BENCH_CHARGES and BENCH_ADMIN_URL as for the full benchmark.
 */
import { martsBuildMarkdown, measureMartsBuild } from './measure-marts-build.ts';

const CHARGES = Number(process.env.BENCH_CHARGES ?? 1_000_000);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

console.log('\n' + martsBuildMarkdown(await measureMartsBuild(ADMIN_URL, CHARGES)));
