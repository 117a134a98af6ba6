import { describe, expect, it } from 'vitest';
import { ResponseCache } from './response-cache';

function setup(opts: { maxBytes?: number; swrMs?: number } = {}) {
  let now = 1_000_000;
  const cache = new ResponseCache<string>({ maxBytes: opts.maxBytes ?? 10_000, swrMs: opts.swrMs ?? 1_000, now: () => now }, (v) => v.length);
  const calls: string[] = [];
  const loader = (value: string, ms = 0) => (signal: AbortSignal) => {
    calls.push(value);
    return new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => resolve(value), ms);
      signal.addEventListener('abort', () => {
        clearTimeout(t);
        reject(new Error('aborted'));
      });
    });
  };
  return { cache, calls, loader, advance: (ms: number) => (now += ms) };
}

const down = () => Promise.reject(Object.assign(new Error('engine down'), { engineDown: true }));
const isDown = (e: unknown) => (e as { engineDown?: boolean }).engineDown === true;

describe('ResponseCache', () => {
  it("labels another instance's answer from the shared store a hit with its true age", async () => {
    const now = 1_000_000;
    const shared = { load: async () => ({ value: 'from another instance', storedAt: now - 3_000 }) };
    const cache = new ResponseCache<string>({ maxBytes: 10_000, swrMs: 1_000, now: () => now, shared }, (v) => v.length);
    const got = await cache.get('k', async () => 'computed here', { ttlMs: 5_000 });
    expect(got).toMatchObject({ value: 'from another instance', status: 'hit', ageMs: 3_000, freshForMs: 2_000 });
  });

  it('runs one load for many concurrent identical requests', async () => {
    const { cache, calls, loader } = setup();
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', loader('v', 20), { ttlMs: 1000 })));
    expect(calls).toEqual(['v']);
    expect(results.every((r) => r.value === 'v' && r.status === 'miss')).toBe(true);
    expect((await cache.get('k', loader('w'), { ttlMs: 1000 })).status).toBe('hit');
  });

  it('serves stale within the SWR window and refreshes in the background', async () => {
    const { cache, calls, loader, advance } = setup({ swrMs: 1000 });
    await cache.get('k', loader('v1'), { ttlMs: 100 });
    advance(500);
    const stale = await cache.get('k', loader('v2', 5), { ttlMs: 100 });
    expect(stale).toMatchObject({ value: 'v1', status: 'stale', ageMs: 500 });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual(['v1', 'v2']);
    expect(await cache.get('k', loader('v3'), { ttlMs: 100 })).toMatchObject({ value: 'v2', status: 'hit' });
  });

  it('serves a fresh entry that no longer answers the request (a moved window) stale, and refreshes it', async () => {
    const { cache, calls, loader } = setup({ swrMs: 1000 });
    const current = (window: string) => ({ ttlMs: 10_000, isCurrent: (v: string) => v.startsWith(window) });
    await cache.get('k', loader('12:00 answer'), current('12:00'));
    expect(await cache.get('k', loader('12:01 answer'), current('12:00'))).toMatchObject({ status: 'hit', value: '12:00 answer' });
    expect(await cache.get('k', loader('12:01 answer', 5), current('12:01'))).toMatchObject({ status: 'stale', value: '12:00 answer' });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual(['12:00 answer', '12:01 answer']);
    expect(await cache.get('k', loader('unused'), current('12:01'))).toMatchObject({ status: 'hit', value: '12:01 answer' });
  });

  it('waits for a fresh answer once an entry is past the SWR window', async () => {
    const { cache, loader, advance } = setup({ swrMs: 1000 });
    await cache.get('k', loader('old'), { ttlMs: 100 });
    advance(5000);
    expect(await cache.get('k', loader('new'), { ttlMs: 100 })).toMatchObject({ value: 'new', status: 'miss' });
  });

  it('loads in the foreground for a caller that joined a background refresh which yielded', async () => {
    // The refresh a stale answer started is refused (busy engine); meanwhile the entry left the
    // SWR window, so the next caller waits for an answer: it must get one, not that refusal.
    const { cache, advance } = setup({ swrMs: 1000 });
    await cache.get('k', async () => 'v1', { ttlMs: 100 });
    advance(600);
    let refuse!: (err: Error) => void;
    const loads: boolean[] = [];
    const load = (_signal: AbortSignal, background: boolean) => {
      loads.push(background);
      return background ? new Promise<string>((_, reject) => (refuse = reject)) : Promise.resolve('v2');
    };
    expect(await cache.get('k', load, { ttlMs: 100 })).toMatchObject({ status: 'stale', value: 'v1' });
    advance(1_000);
    const waiting = cache.get('k', load, { ttlMs: 100, canServeStale: () => false });
    refuse(new Error('busy: the refresh is skipped'));
    expect(await waiting).toMatchObject({ status: 'miss', value: 'v2' });
    expect(loads).toEqual([true, false]);
  });

  it('serves the stale answer when the engine is down, but only for engine trouble', async () => {
    const { cache, loader, advance } = setup({ swrMs: 0 });
    await cache.get('k', loader('old'), { ttlMs: 100 });
    advance(10_000);
    expect(await cache.get('k', down, { ttlMs: 100, canServeStale: isDown })).toMatchObject({ value: 'old', status: 'stale' });
    await expect(cache.get('k', () => Promise.reject(new Error('bug')), { ttlMs: 100, canServeStale: isDown })).rejects.toThrow('bug');
    await expect(cache.get('never-seen', down, { ttlMs: 100, canServeStale: isDown })).rejects.toThrow('engine down');
  });

  it('cancels the load only when every waiting caller has gone', async () => {
    const { cache, loader } = setup();
    let aborted = false;
    const load = (signal: AbortSignal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return loader('v', 50)(signal);
    };
    const a = new AbortController();
    const b = new AbortController();
    const pa = cache.get('k', load, { ttlMs: 1000, signal: a.signal });
    const pb = cache.get('k', load, { ttlMs: 1000, signal: b.signal });
    a.abort(new Error('client a left'));
    await expect(pa).rejects.toThrow('client a left');
    expect(aborted).toBe(false);
    b.abort(new Error('client b left'));
    await expect(pb).rejects.toThrow('client b left');
    expect(aborted).toBe(true);
  });

  it('stays within its byte budget, evicting the least recently used', async () => {
    const { cache, loader } = setup({ maxBytes: 100 });
    for (let i = 0; i < 10; i++) await cache.get(`key${i}`, loader('x'.repeat(30)), { ttlMs: 1000 });
    expect(cache.stats().bytes).toBeLessThanOrEqual(100);
    expect((await cache.get('key9', loader('new'), { ttlMs: 1000 })).status).toBe('hit');
    expect((await cache.get('key0', loader('new'), { ttlMs: 1000 })).status).toBe('miss');
  });
});
