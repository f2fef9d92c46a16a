import { describe, expect, it } from 'vitest';
import { onceUntilFailure } from '../../src/runtime/runtime-deps.ts';

describe('onceUntilFailure', () => {
  it('shares one build between callers and keeps its result', async () => {
    let builds = 0;
    const get = onceUntilFailure(async (label: string) => `${label} #${++builds}`);
    expect(await Promise.all([get('first'), get('second')])).toEqual(['first #1', 'first #1']);
    expect(await get('third')).toBe('first #1');
    expect(builds).toBe(1);
  });

  it('forgets a failed build so the next call tries again', async () => {
    let builds = 0;
    const get = onceUntilFailure(async () => {
      builds++;
      if (builds === 1) throw new Error('database down');
      return 'ready';
    });
    await expect(get()).rejects.toThrow('database down');
    expect(await get()).toBe('ready');
    expect(await get()).toBe('ready');
    expect(builds).toBe(2);
  });
});
