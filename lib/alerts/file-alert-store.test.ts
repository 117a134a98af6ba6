import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileAlertStore } from './file-alert-store';
import type { Delivery } from './outbox-store';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pulse-alert-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const hook = { url: 'https://hooks.example.com/x', secret: 's', createdAt: '2026-12-01T00:00:00.000Z' };
const delivery = (id: string, over: Partial<Delivery> = {}): Delivery => ({ id, tenant: 'acme', body: `{"id":"${id}"}`, createdAt: 1, state: 'pending', attempts: 0, nextAttemptAt: 1, ...over });

describe('FileAlertStore', () => {
  it('keeps webhooks and deliveries across a reopen, each write complete when its promise resolves', async () => {
    const path = join(dir, 'alerts.json');
    const store = await FileAlertStore.open(path);
    // Concurrent writes are group-committed; every one of them must be in the file afterwards.
    await Promise.all([store.putWebhook('acme', hook), store.addDeliveries([delivery('a')]), store.addDeliveries([delivery('b', { nextAttemptAt: 50 })])]);
    await store.recordAttempt('a', { state: 'delivered', attempts: 1, nextAttemptAt: 2, lastAttemptAt: 2, lastStatus: 200 });
    const again = await FileAlertStore.open(path);
    expect(await again.getWebhook('acme')).toEqual(hook);
    expect((await again.listDeliveries('acme', 10)).map((d) => [d.id, d.state])).toEqual([['b', 'pending'], ['a', 'delivered']]);
    expect((await again.dueDeliveries(10, 10)).map((d) => d.id)).toEqual([]);
    expect((await again.dueDeliveries(50, 10)).map((d) => d.id)).toEqual(['b']);
    expect(await again.dueDeliveries(50, 10, new Set(['acme']))).toEqual([]);
    expect(await again.pendingCount('acme')).toBe(1);
    expect(await again.removeWebhook('acme')).toBe(true);
    expect(await (await FileAlertStore.open(path)).getWebhook('acme')).toBeUndefined();
  });

  it('ignores a delivery id it already holds, whatever its state', async () => {
    const store = await FileAlertStore.open(join(dir, 'alerts.json'));
    await store.addDeliveries([delivery('a')]);
    await store.recordAttempt('a', { state: 'delivered', attempts: 1, nextAttemptAt: 2 });
    await store.addDeliveries([delivery('a')]);
    expect((await store.listDeliveries('acme', 10)).map((d) => d.state)).toEqual(['delivered']);
  });

  it('keeps 200 finished deliveries per tenant for the log, and every pending one', async () => {
    const store = await FileAlertStore.open();
    await store.addDeliveries(Array.from({ length: 260 }, (_, i) => delivery(`d${i}`)));
    for (let i = 0; i < 250; i++) await store.recordAttempt(`d${i}`, { state: i % 2 ? 'dead' : 'delivered', attempts: 1, nextAttemptAt: 2 });
    const all = await store.listDeliveries('acme', 1_000);
    expect(all.filter((d) => d.state === 'pending')).toHaveLength(10);
    expect(all.filter((d) => d.state !== 'pending')).toHaveLength(200);
    expect(all.at(-1)!.id).toBe('d50');
  });

  it('creates the folder of a new file', async () => {
    const path = join(dir, 'var', 'state', 'alerts.json');
    await (await FileAlertStore.open(path)).putWebhook('acme', hook);
    expect(await (await FileAlertStore.open(path)).getWebhook('acme')).toEqual(hook);
  });

  it('reads the registry file written before the outbox existed', async () => {
    const path = join(dir, 'webhooks.json');
    await writeFile(path, JSON.stringify({ acme: hook }));
    expect(await (await FileAlertStore.open(path)).getWebhook('acme')).toEqual(hook);
  });

  it('refuses to start from a file it cannot read rather than start empty', async () => {
    const path = join(dir, 'alerts.json');
    await writeFile(path, JSON.stringify({ version: 1, webhooks: {}, deliveries: [{ id: 1 }] }));
    await expect(FileAlertStore.open(path)).rejects.toThrow();
  });
});
