import { describe, expect, it } from 'vitest';
import { onRefresh, refreshAll } from '../../src/ui/refresh.ts';

describe('refreshAll', () => {
  it('clears the server caches first, then reloads every section and waits for them', async () => {
    const log: string[] = [];
    const target = new EventTarget();
    const fetchImpl: typeof fetch = async (url, init) => {
      log.push(`${init?.method} ${String(url)} ${init?.cache}`);
      return new Response('{"ok":true}', { status: 200 });
    };
    let finishSlow!: () => void;
    onRefresh(() => { log.push('kpis reload'); }, target);
    const stop = onRefresh(() => new Promise<void>((resolve) => { finishSlow = () => { log.push('chart done'); resolve(); }; }), target);
    const done = refreshAll({ fetchImpl, target }).then(() => log.push('refreshed'));
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['POST /api/refresh reload', 'kpis reload']);
    finishSlow();
    await done;
    expect(log).toEqual(['POST /api/refresh reload', 'kpis reload', 'chart done', 'refreshed']);
    stop();
  });

  it('does not reload anything when the server could not clear its caches', async () => {
    const target = new EventTarget();
    let reloads = 0;
    onRefresh(() => { reloads++; }, target);
    const fetchImpl: typeof fetch = async () => new Response('{"error":"database_unavailable","message":"try again"}', { status: 503 });
    await expect(refreshAll({ fetchImpl, target })).rejects.toMatchObject({ code: 'database_unavailable' });
    expect(reloads).toBe(0);
  });
});
