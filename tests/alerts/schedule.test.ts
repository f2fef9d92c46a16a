import { describe, expect, it } from 'vitest';
import { cronRunIsTick, everyTick, type Timers } from '../../src/alerts/schedule.ts';

/** A clock and timer queue the test moves by hand. */
function fakeTimers(start: number) {
  let now = start;
  const pending: { at: number; callback: () => void }[] = [];
  const timers: Timers = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const entry: { at: number; callback: () => void; unref?(): void } = { at: now + ms, callback };
      pending.push(entry);
      return entry;
    },
    clearTimeout: (handle) => {
      const index = pending.indexOf(handle as never);
      if (index >= 0) pending.splice(index, 1);
    },
  };
  return {
    timers,
    pending,
    async advanceTo(time: number) {
      for (;;) {
        pending.sort((a, b) => a.at - b.at);
        const next = pending[0];
        if (!next || next.at > time) break;
        pending.shift();
        now = Math.max(now, next.at);
        next.callback();
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = time;
    },
  };
}

describe('everyTick', () => {
  it('runs at every quarter hour with the tick itself, late timers included, until stopped', async () => {
    const start = Date.parse('2026-03-09T10:07:00Z');
    const clock = fakeTimers(start);
    const ticks: string[] = [];
    const stop = everyTick(15 * 60_000, async (tick) => { ticks.push(tick.toISOString()); }, clock.timers);
    await clock.advanceTo(Date.parse('2026-03-09T11:01:00Z'));
    expect(ticks).toEqual(['2026-03-09T10:15:00.000Z', '2026-03-09T10:30:00.000Z', '2026-03-09T10:45:00.000Z', '2026-03-09T11:00:00.000Z']);
    stop();
    await clock.advanceTo(Date.parse('2026-03-09T12:00:00Z'));
    expect(ticks).toHaveLength(4);
    expect(clock.pending).toHaveLength(0);
  });

  it('keeps going after a failed check', async () => {
    const clock = fakeTimers(Date.parse('2026-03-09T10:00:00Z'));
    let runs = 0;
    everyTick(15 * 60_000, async () => { runs++; throw new Error('database down'); }, clock.timers);
    await clock.advanceTo(Date.parse('2026-03-09T10:31:00Z'));
    expect(runs).toBe(2);
  });
});

describe('cronRunIsTick', () => {
  it('matches a fixed 15-minute cron to the configured interval', () => {
    expect(cronRunIsTick(new Date('2026-03-09T10:15:02Z'), 15, 15)).toBe(true);
    expect(cronRunIsTick(new Date('2026-03-09T10:15:02Z'), 30, 15)).toBe(false);
    expect(cronRunIsTick(new Date('2026-03-09T10:30:02Z'), 30, 15)).toBe(true);
    expect(cronRunIsTick(new Date('2026-03-09T10:30:02Z'), 10, 15)).toBeNull();
  });
});
