import { readFileSync } from 'node:fs';

/** Resident memory of process `pid` in MB (Linux /proc). */
function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** `work`'s result and the highest resident memory of process `pid` while it ran, sampled every 25 ms, in whole MB. */
export async function peakRssWhile<T>(pid: number, work: () => Promise<T>): Promise<[T, number]> {
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 25);
  try {
    return [await work(), Math.round(peak)];
  } finally {
    clearInterval(sampler);
  }
}
