import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@/lib/testing/store';
import { DbAlertStore } from './db-alert-store';
import type { Delivery } from './outbox-store';

let store: Awaited<ReturnType<typeof openTestStore>>;
let alerts: DbAlertStore;
beforeAll(async () => {
  store = await openTestStore();
  for (const id of ['acme', 'globex']) await store.tenants.create({ id, name: id });
  alerts = new DbAlertStore(store.db);
});
afterAll(() => store?.close());

const hook = { url: 'https://hooks.example.com/x', secret: 's', createdAt: '2026-12-01T00:00:00.000Z' };
const delivery = (id: string, over: Partial<Delivery> = {}): Delivery => ({ id, tenant: 'acme', body: `{"id":"${id}"}`, createdAt: 1, state: 'pending', attempts: 0, nextAttemptAt: 1, ...over });

describe('DbAlertStore', () => {
  it("keeps each tenant's webhook and deliveries, due ones oldest first, a busy tenant's held back", async () => {
    await alerts.putWebhook('acme', hook);
    expect(await alerts.getWebhook('acme')).toEqual(hook);
    expect(await alerts.getWebhook('globex')).toBeUndefined();
    await alerts.addDeliveries([delivery('a'), delivery('b', { nextAttemptAt: 50 }), delivery('g', { tenant: 'globex' })]);
    await alerts.recordAttempt('a', { state: 'delivered', attempts: 1, nextAttemptAt: 2, lastAttemptAt: 2, lastStatus: 200 });
    expect((await alerts.listDeliveries('acme', 10)).map((d) => [d.id, d.state])).toEqual([['b', 'pending'], ['a', 'delivered']]);
    expect((await alerts.listDeliveries('acme', 10))[1]).toEqual(delivery('a', { state: 'delivered', attempts: 1, nextAttemptAt: 2, lastAttemptAt: 2, lastStatus: 200 }));
    expect((await alerts.dueDeliveries(10, 10)).map((d) => d.id)).toEqual(['g']);
    expect((await alerts.dueDeliveries(50, 10)).map((d) => d.id)).toEqual(['b', 'g']);
    expect((await alerts.dueDeliveries(50, 10, new Set(['acme']))).map((d) => d.id)).toEqual(['g']);
    expect(await alerts.pendingCount('acme')).toBe(1);
    expect(await alerts.removeWebhook('acme')).toBe(true);
    expect(await alerts.removeWebhook('acme')).toBe(false);
  });

  it('ignores a delivery id it already holds, whatever its state', async () => {
    await alerts.addDeliveries([delivery('x')]);
    await alerts.recordAttempt('x', { state: 'dead', attempts: 8, nextAttemptAt: 2, lastReason: 'timeout' });
    await alerts.addDeliveries([delivery('x')]);
    expect((await alerts.listDeliveries('acme', 1))[0]).toMatchObject({ id: 'x', state: 'dead', lastReason: 'timeout' });
  });

  it('keeps 200 finished deliveries per tenant for the log, and every pending one', async () => {
    await store.db.exec('delete from webhook_deliveries');
    await alerts.addDeliveries(Array.from({ length: 260 }, (_, i) => delivery(`d${i}`)));
    for (let i = 0; i < 250; i++) await alerts.recordAttempt(`d${i}`, { state: i % 2 ? 'dead' : 'delivered', attempts: 1, nextAttemptAt: 2 });
    const all = await alerts.listDeliveries('acme', 1_000);
    expect(all.filter((d) => d.state === 'pending')).toHaveLength(10);
    expect(all.filter((d) => d.state !== 'pending')).toHaveLength(200);
    expect(all.at(-1)!.id).toBe('d50');
  });
});
