import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@/lib/store/store';
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
    expect((await alerts.claimDue('me', 1, 1_000, 1)).map((d) => d.id)).toEqual(['a']);
    await alerts.recordAttempt('a', 'me', { state: 'delivered', attempts: 1, nextAttemptAt: 2, lastAttemptAt: 2, lastStatus: 200 });
    expect((await alerts.listDeliveries('acme', 10)).map((d) => [d.id, d.state])).toEqual([['b', 'pending'], ['a', 'delivered']]);
    expect((await alerts.listDeliveries('acme', 10))[1]).toEqual(delivery('a', { state: 'delivered', attempts: 1, nextAttemptAt: 2, lastAttemptAt: 2, lastStatus: 200 }));
    expect((await alerts.claimDue('me', 50, 1_000, 10, new Set(['acme']))).map((d) => d.id)).toEqual(['g']);
    expect((await alerts.claimDue('me', 50, 1_000, 10)).map((d) => d.id)).toEqual(['b']); // g is claimed already
    await alerts.release('me', ['b', 'g']);
    expect((await alerts.claimDue('other', 50, 1_000, 10)).map((d) => d.id)).toEqual(['b', 'g']);
    expect(await alerts.pendingCount('acme')).toBe(1);
    expect(await alerts.removeWebhook('acme')).toBe(true);
    expect(await alerts.removeWebhook('acme')).toBe(false);
  });

  it('ignores a delivery id it already holds, whatever its state', async () => {
    await alerts.addDeliveries([delivery('x')]);
    await alerts.claimDue('me', 1, 1_000, 100);
    await alerts.recordAttempt('x', 'me', { state: 'dead', attempts: 8, nextAttemptAt: 2, lastReason: 'timeout' });
    await alerts.addDeliveries([delivery('x')]);
    expect((await alerts.listDeliveries('acme', 1))[0]).toMatchObject({ id: 'x', state: 'dead', lastReason: 'timeout' });
  });

  it('keeps 200 finished deliveries per tenant for the log, and every pending one', async () => {
    await store.db.exec('delete from webhook_deliveries');
    await alerts.addDeliveries(Array.from({ length: 260 }, (_, i) => delivery(`d${i}`)));
    await alerts.claimDue('me', 1, 1_000, 1_000);
    for (let i = 0; i < 250; i++) await alerts.recordAttempt(`d${i}`, 'me', { state: i % 2 ? 'dead' : 'delivered', attempts: 1, nextAttemptAt: 2 });
    const all = await alerts.listDeliveries('acme', 1_000);
    expect(all.filter((d) => d.state === 'pending')).toHaveLength(10);
    expect(all.filter((d) => d.state !== 'pending')).toHaveLength(200);
    expect(all.at(-1)!.id).toBe('d50');
  });

  it('lets a crashed owner\'s claim be taken once its lease expires, and refuses the late owner\'s record', async () => {
    await store.db.exec('delete from webhook_deliveries');
    await alerts.addDeliveries([delivery('l')]);
    expect((await alerts.claimDue('crashed', 1_000, 500, 10)).map((d) => d.id)).toEqual(['l']);
    expect(await alerts.claimDue('alive', 1_499, 500, 10)).toEqual([]);
    expect((await alerts.claimDue('alive', 1_500, 500, 10)).map((d) => d.id)).toEqual(['l']);
    await alerts.recordAttempt('l', 'crashed', { state: 'dead', attempts: 1, nextAttemptAt: 2, lastReason: 'timeout' });
    expect((await alerts.listDeliveries('acme', 1))[0]).toMatchObject({ state: 'pending', attempts: 0 });
    await alerts.recordAttempt('l', 'alive', { state: 'delivered', attempts: 1, nextAttemptAt: 1_600, lastStatus: 200 });
    expect((await alerts.listDeliveries('acme', 1))[0]).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('never gives one due delivery to two stores racing on the same database', async () => {
    await store.db.exec('delete from webhook_deliveries');
    // Under npm run test:postgres: a second store with its own connections; on PGlite the one connection is shared.
    const other = store.databaseUrl ? await openStore({ databaseUrl: store.databaseUrl, pgliteDir: '' }) : undefined;
    try {
      const stores = { a: alerts, b: new DbAlertStore(other?.db ?? store.db) };
      const ids = Array.from({ length: 300 }, (_, i) => `r${i}`);
      await alerts.addDeliveries(ids.map((id, i) => delivery(id, { tenant: i % 2 ? 'acme' : 'globex' })));
      const claimed = { a: [] as string[], b: [] as string[] };
      const race = (who: 'a' | 'b') => async () => {
        for (;;) {
          const got = await stores[who].claimDue(who, 10, 60_000, 7);
          if (!got.length) return;
          claimed[who].push(...got.map((d) => d.id));
        }
      };
      await Promise.all([race('a')(), race('b')(), race('a')(), race('b')()]);
      expect(claimed.a.filter((id) => claimed.b.includes(id))).toEqual([]);
      expect([...claimed.a, ...claimed.b].sort()).toEqual([...ids].sort()); // each exactly once
      expect(claimed.a.length).toBeGreaterThan(0);
      expect(claimed.b.length).toBeGreaterThan(0);
    } finally {
      await other?.close();
    }
  });
});
