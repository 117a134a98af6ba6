import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertEvent } from '@/lib/testing/alerts';
import { openTestAlertStore } from '@/lib/testing/alert-store';
import { createOutboundClient } from '@/lib/outbound/client';
import { DbAlertStore } from './db-alert-store';
import { notifyFrom, type AlertMessage } from './notifier';
import { Outbox } from './outbox';
import type { Delivery } from './outbox-store';
import { WebhookRegistry } from './webhooks';

let db: Awaited<ReturnType<typeof openTestAlertStore>>;
beforeAll(async () => {
  db = await openTestAlertStore();
});
afterAll(() => db?.close());

/** The notifier over an in-memory source whose commits are logged beside the store's writes. */
async function harness(failWrites = false) {
  const events: string[] = [];
  await db.clear();
  const store = new DbAlertStore(db.store.db);
  const add = store.addDeliveries.bind(store);
  store.addDeliveries = async (ds: Delivery[]) => {
    await new Promise((r) => setTimeout(r, 5)); // a write that takes time: a commit must wait for it
    if (failWrites) throw new Error('database unavailable');
    await add(ds);
    events.push(`stored ${ds.map((d) => JSON.parse(d.body).alert.message).join()}`);
  };
  const client = createOutboundClient({ allowPrivate: true });
  const webhooks = new WebhookRegistry(store, client);
  await webhooks.register('acme', 'http://127.0.0.1:9/hook');
  const outbox = new Outbox({ store, webhooks: store, client }); // not started: nothing is sent
  const message = (value: string, label: string): AlertMessage => ({ value, commit: async () => void events.push(`commit ${label}`) });
  return { events, store, outbox, webhooks, message };
}

async function* from<T>(items: T[]) {
  yield* items;
}

describe('notifyFrom', () => {
  it('commits each message only after its alert is stored', async () => {
    const h = await harness();
    const source = [h.message(JSON.stringify(alertEvent('acme', 1)), '1'), h.message(JSON.stringify(alertEvent('acme', 2)), '2')];
    await notifyFrom(from(source), { ...h, publicUrl: 'https://pulse.example.com' });
    expect(h.events).toEqual(['stored spike 1', 'commit 1', 'stored spike 2', 'commit 2']);
    const [second] = await h.store.listDeliveries('acme', 10);
    expect(JSON.parse(second!.body)).toMatchObject({ type: 'alert', alert: alertEvent('acme', 2), href: expect.stringMatching(/^https:\/\/pulse\.example\.com\/d\/security-logins\?/) });
  });

  it('does not commit when the alert could not be stored, so Kafka delivers it again', async () => {
    const h = await harness(true);
    await expect(notifyFrom(from([h.message(JSON.stringify(alertEvent('acme', 1)), '1')]), { ...h, publicUrl: 'https://pulse.example.com' })).rejects.toThrow('database unavailable');
    expect(h.events).toEqual([]);
  });

  it('makes an alert read again after a crash the same delivery', async () => {
    const h = await harness();
    const value = JSON.stringify(alertEvent('acme', 7));
    await notifyFrom(from([h.message(value, 'first read'), h.message(value, 'read again')]), { ...h, publicUrl: 'https://pulse.example.com' });
    expect(await h.store.listDeliveries('acme', 10)).toHaveLength(1);
  });

  it('commits past malformed alerts and tenants without a webhook, storing nothing', async () => {
    const h = await harness();
    const source = [h.message('{not json', 'bad json'), h.message(JSON.stringify({ tenant: 'acme' }), 'bad shape'), h.message(JSON.stringify(alertEvent('globex', 1)), 'no hook')];
    await notifyFrom(from(source), { ...h, publicUrl: 'https://pulse.example.com' });
    expect(h.events).toEqual(['commit bad json', 'commit bad shape', 'commit no hook']);
  });
});
