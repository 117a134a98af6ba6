import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { Admission } from './admission';

/** Work that finishes only when the test says so. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((r) => (open = r));
  return { done, open };
}

describe('Admission', () => {
  it('keeps one tenant’s storm from starving another tenant', async () => {
    const a = new Admission({ maxRunning: 2, maxRunningPerTenant: 1, maxQueued: 100, maxQueuedPerTenant: 50 });
    const order: string[] = [];
    const gates = Array.from({ length: 5 }, gate);
    const storm = gates.map((g, i) => a.run('storm', async () => (order.push(`storm${i}`), g.done)));
    const quiet = a.run('quiet', async () => void order.push('quiet'));
    await quiet;
    // The quiet tenant ran while four of the storm's queries still waited.
    expect(order).toEqual(['storm0', 'quiet']);
    expect(a.stats()).toEqual({ running: 1, queued: 4 });
    for (const g of gates) g.open();
    await Promise.all(storm);
    expect(order).toEqual(['storm0', 'quiet', 'storm1', 'storm2', 'storm3', 'storm4']);
    expect(a.stats()).toEqual({ running: 0, queued: 0 });
  });

  it('sheds with 429 at once when the queue is full', async () => {
    const a = new Admission({ maxRunning: 1, maxRunningPerTenant: 1, maxQueued: 1, maxQueuedPerTenant: 1 });
    const g = gate();
    const running = a.run('t', () => g.done);
    const waiting = a.run('t', async () => 'ran');
    await expect(a.run('t', async () => 'never')).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.status === 429);
    g.open();
    await running;
    expect(await waiting).toBe('ran');
  });

  it('sheds one tenant beyond its share of the queue while others may still wait', async () => {
    const a = new Admission({ maxRunning: 1, maxRunningPerTenant: 1, maxQueued: 10, maxQueuedPerTenant: 2 });
    const g = gate();
    const running = a.run('storm', () => g.done);
    const queued = [a.run('storm', async () => 1), a.run('storm', async () => 2)];
    await expect(a.run('storm', async () => 3)).rejects.toBeInstanceOf(AppError);
    const other = a.run('quiet', async () => 'served');
    g.open();
    await running;
    expect(await other).toBe('served');
    expect(await Promise.all(queued)).toEqual([1, 2]);
  });

  it('lets a caller that goes away leave the queue', async () => {
    const a = new Admission({ maxRunning: 1, maxRunningPerTenant: 1, maxQueued: 5, maxQueuedPerTenant: 5 });
    const g = gate();
    const running = a.run('t', () => g.done);
    const client = new AbortController();
    const waiting = a.run('t', async () => 'never', { signal: client.signal });
    client.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(a.stats().queued).toBe(0);
    g.open();
    await running;
  });

  it('lowers the priority of a tenant’s extra concurrent queries', async () => {
    const a = new Admission({ maxRunning: 4, maxRunningPerTenant: 4, maxQueued: 5, maxQueuedPerTenant: 5 });
    const g = gate();
    const priorities: number[] = [];
    const runs = [0, 1, 2].map(() => a.run('t', async (p) => (priorities.push(p), g.done)));
    g.open();
    await Promise.all(runs);
    expect(priorities).toEqual([0, -1, -2]);
  });

  it('runs background refreshes only in free slots, never queued, leaving half for waiting people', async () => {
    const a = new Admission({ maxRunning: 4, maxRunningPerTenant: 4, maxQueued: 5, maxQueuedPerTenant: 5 });
    const g = gate();
    const ran: string[] = [];
    const bg = (name: string) => a.run('t', async () => void ran.push(name), { background: true });
    await bg('idle');
    const busy = [a.run('t', () => g.done), a.run('u', () => g.done)];
    await expect(bg('half full')).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.status === 429);
    expect(ran).toEqual(['idle']);
    expect(a.stats()).toEqual({ running: 2, queued: 0 });
    g.open();
    await Promise.all(busy);
    await bg('free again');
    expect(ran).toEqual(['idle', 'free again']);
  });
});
