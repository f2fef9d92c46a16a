import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION } from '../../src/config/alert-settings.ts';
import { detectEpisodes } from '../../src/alerts/detect.ts';
import { binomialUpperTail, normalUpperTail } from '../../src/alerts/significance.ts';
import { FIRST_SLOT, SLOTS, SPIKE_1, SPIKE_2, fixtureSlotCounts, isoOfSlot } from './support/spike-fixture.ts';

const span = { from: FIRST_SLOT + 1, to: FIRST_SLOT + SLOTS };
const summary = (settings = DEFAULT_DETECTION) =>
  detectEpisodes(fixtureSlotCounts(), settings, span).map((e) => ({
    currency: e.currency,
    startedAt: isoOfSlot(e.startTick),
    endedAt: e.endTick === null ? null : isoOfSlot(e.endTick),
  }));

describe('significance', () => {
  it('gives exact binomial tails and normal tails', () => {
    // P(X ≥ 3) for Binomial(10, 0.1) = 1 − (0.9^10 + 10·0.1·0.9^9 + 45·0.01·0.9^8)
    expect(binomialUpperTail(3, 10, 0.1)).toBeCloseTo(1 - (0.9 ** 10 + 0.9 ** 9 + 0.45 * 0.9 ** 8), 10);
    expect(binomialUpperTail(0, 10, 0.1)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.1)).toBe(0);
    expect(binomialUpperTail(10, 10, 0.5)).toBeCloseTo(2 ** -10, 12);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(3)).toBeCloseTo(0.0013499, 6);
    expect(normalUpperTail(4) / 3.1671e-5).toBeCloseTo(1, 3);
  });
});

describe('detectEpisodes', () => {
  it('finds exactly the two usd spikes, not the steady eur nor the low-volume jpy blip', () => {
    // Spike 1 (12 of 40 a slot from 10:00): the 10:15 window (1 spike slot of 4: 18 of 160) is not
    // yet clear against a 5 % baseline, the 10:30 one (28 of 160) is. It ends at 15:00, the first
    // window without a spike slot (the 14:45 one still holds 18 failures, above 5 % + 2.5 points).
    expect(SPIKE_1.from).toBe(Date.parse('2026-03-09T10:00:00Z') / 900_000);
    expect(summary()).toEqual([
      { currency: 'usd', startedAt: '2026-03-09T10:30:00.000Z', endedAt: '2026-03-09T15:00:00.000Z' },
      { currency: 'usd', startedAt: '2026-03-10T14:30:00.000Z', endedAt: '2026-03-10T17:00:00.000Z' },
    ]);
    expect(isoOfSlot(SPIKE_2.to)).toBe('2026-03-10T16:00:00.000Z');
  });

  it('reports the counts from the start of the window that fired, and the baseline frozen at the start', () => {
    const [first] = detectEpisodes(fixtureSlotCounts(), DEFAULT_DETECTION, span);
    // The 09:30–10:30 window fired; counts run to 15:00: 22 slots, 16 of them in the spike.
    expect(first).toMatchObject({ firstWindowSlot: SPIKE_1.from - 2, attempts: 22 * 40, failures: 16 * 12 + 6 * 2 });
    expect(first!.baselineRate).toBeCloseTo(0.05, 3);
  });

  it('lets a low-volume currency fire only when its floor allows, after widening the window', () => {
    // With a floor of 4 attempts the jpy night blip (4 of 4 failing) is a tail event at a 10 % baseline,
    // but 4 failures are still under the minimum of 5: nothing.
    expect(summary({ ...DEFAULT_DETECTION, minAttempts: 4 }).filter((e) => e.currency === 'jpy')).toEqual([]);
    // Only with every guard lowered does it become an "episode": the guards are what keeps it quiet.
    const loose = summary({ ...DEFAULT_DETECTION, minAttempts: 4, minFailures: 4, sensitivity: 2 }).filter((e) => e.currency === 'jpy');
    expect(loose[0]).toMatchObject({ currency: 'jpy', startedAt: '2026-03-09T03:15:00.000Z' });
  });

  it('keeps an episode open through a window too quiet to judge and needs a clear rise to fire again', () => {
    const strict = summary({ ...DEFAULT_DETECTION, minRise: 0.3 });
    expect(strict).toEqual([]); // neither spike rises 30 points
    const early = summary({ ...DEFAULT_DETECTION, sensitivity: 3 });
    // Less strict: spike 1 fires one check earlier (the 10:15 window's 18 of 160 passes 3 σ).
    expect(early[0]).toEqual({ currency: 'usd', startedAt: '2026-03-09T10:15:00.000Z', endedAt: '2026-03-09T15:00:00.000Z' });
  });
});
