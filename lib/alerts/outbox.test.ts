import { describe, expect, it } from 'vitest';
import { alertStoreForTests, until } from '@/lib/testing/alert-store';
import { startWebhookReceiver } from '@/lib/testing/webhook-receiver';
import { openAlertDelivery } from './alert-delivery';
import { backoffDelay, deliveryId, deliveryView, type OutboxOptions } from './outbox';
import { verify } from './signature';

const t = alertStoreForTests();
const cleanups = t.cleanups;

type Options = Omit<OutboxOptions, 'store' | 'webhooks' | 'client'>;
const FAST: Options = { baseDelayMs: 10, maxDelayMs: 40, pollMs: 5 };

async function setup(respond?: Parameters<typeof startWebhookReceiver>[0], outbox: Options = {}, timeoutMs = 2_000) {
  const receiver = await startWebhookReceiver(respond);
  const delivery = openAlertDelivery({ store: t.db.alerts, outbound: { allowPrivate: true, timeoutMs }, outbox: { ...FAST, ...outbox } });
  const hook = await delivery.webhooks.register('acme', receiver.url);
  delivery.outbox.start();
  cleanups.push(async () => {
    await delivery.outbox.stop();
    await receiver.close();
  });
  return { receiver, hook, ...delivery };
}

const alert = (n: number) => ({ tenant: 'acme', identity: { rule: 'login_spike', window_start: n }, payload: { type: 'alert', n } });

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, with jitter in the upper half', () => {
    const low = () => 0, high = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1_000, 10_000, low))).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1_000, 10_000, high))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });
});

describe('deliveryId', () => {
  it('is the same for the same alert and differs for another alert or tenant', () => {
    expect(deliveryId('acme', { a: 1 })).toBe(deliveryId('acme', { a: 1 }));
    expect(deliveryId('acme', { a: 1 })).not.toBe(deliveryId('acme', { a: 2 }));
    expect(deliveryId('acme', { a: 1 })).not.toBe(deliveryId('globex', { a: 1 }));
  });
});

describe('Outbox', () => {
  it('delivers a signed payload with a stable delivery id the receiver can verify', async () => {
    const { receiver, hook, outbox } = await setup();
    await outbox.accept([alert(1)]);
    await until(() => receiver.raw.length === 1);
    const got = receiver.raw[0]!;
    expect(JSON.parse(got.body)).toEqual({ id: got.id, type: 'alert', n: 1 });
    expect(got.id).toBe(deliveryId('acme', alert(1).identity));
    const now = Math.floor(Date.now() / 1000);
    expect(verify(hook.secret, got.body, got.signature, now)).toBe(true);
    expect(verify('another secret', got.body, got.signature, now)).toBe(false);
    expect(verify(hook.secret, `${got.body} `, got.signature, now)).toBe(false);
    expect(verify(hook.secret, got.body, got.signature, now + 301)).toBe(false); // a replay past the tolerance
    await until(async () => (await outbox.list('acme'))[0]?.state === 'delivered');
    expect(deliveryView((await outbox.list('acme'))[0]!)).toMatchObject({ id: got.id, state: 'delivered', attempts: 1, lastStatus: 200 });
  });

  it('stores an alert accepted twice once', async () => {
    const { receiver, outbox } = await setup();
    await outbox.accept([alert(1), alert(1)]);
    await outbox.accept([alert(1)]);
    await until(async () => (await outbox.list('acme'))[0]?.state === 'delivered');
    await new Promise((r) => setTimeout(r, 50));
    expect(await outbox.list('acme')).toHaveLength(1);
    expect(receiver.raw).toHaveLength(1);
  });

  it('retries with backoff until the receiver recovers, with the same id and a fresh signature', async () => {
    const { receiver, hook, outbox } = await setup((n) => ({ status: n < 3 ? 503 : 204 }));
    await outbox.accept([alert(2)]);
    await until(async () => (await outbox.list('acme'))[0]?.state === 'delivered');
    expect(receiver.raw).toHaveLength(3);
    expect(new Set(receiver.raw.map((r) => r.id)).size).toBe(1);
    expect(receiver.raw.every((r) => verify(hook.secret, r.body, r.signature, Math.floor(Date.now() / 1000)))).toBe(true);
    expect((await outbox.list('acme'))[0]).toMatchObject({ attempts: 3, lastStatus: 204 });
  });

  it('dead-letters after the last attempt, telling the reason and never the error text', async () => {
    const { receiver, outbox } = await setup(() => ({ status: 500, body: 'database password is hunter2' }), { maxAttempts: 3 });
    await outbox.accept([alert(3)]);
    await until(async () => (await outbox.list('acme'))[0]?.state === 'dead');
    expect(receiver.raw).toHaveLength(3);
    const view = deliveryView((await outbox.list('acme'))[0]!);
    expect(view).toMatchObject({ state: 'dead', attempts: 3, lastStatus: 500, lastReason: 'http_status' });
    expect(JSON.stringify(view)).not.toContain('hunter2');
  });

  it('dead-letters a delivery whose tenant removed its webhook', async () => {
    const { receiver, outbox, webhooks } = await setup();
    await webhooks.remove('acme');
    await outbox.accept([alert(4)]);
    await until(async () => (await outbox.list('acme'))[0]?.state === 'dead');
    expect((await outbox.list('acme'))[0]).toMatchObject({ lastReason: 'no_webhook', attempts: 0 });
    expect(receiver.raw).toEqual([]);
  });

  it('keeps a tenant whose receiver hangs to its share, so another tenant is delivered meanwhile', async () => {
    const { receiver: hanging, outbox, webhooks } = await setup(() => 'hang'); // 4 at once, 2 per tenant
    const answering = await startWebhookReceiver();
    cleanups.push(answering.close);
    await webhooks.register('globex', answering.url);
    await outbox.accept([1, 2, 3, 4, 5].map(alert));
    await outbox.accept([{ ...alert(1), tenant: 'globex' }]);
    // All within the hanging requests' 2 s timeout: none of acme's slots has come free yet.
    await until(() => answering.accepted.size === 1 && hanging.raw.length >= 2, 1_500);
    await new Promise((r) => setTimeout(r, 50));
    expect(hanging.raw).toHaveLength(2);
  });

  it('records alerts beyond the per-tenant bound as queue_full instead of growing without end', async () => {
    const { outbox } = await setup(() => 'hang', { maxPendingPerTenant: 2, concurrency: 1 });
    await outbox.accept([alert(1), alert(2), alert(3)]);
    const states = (await outbox.list('acme')).map((d) => [d.state, d.lastReason]);
    expect(states).toEqual([['dead', 'queue_full'], ['pending', undefined], ['pending', undefined]]);
  });

  it('sends each delivery once when two outboxes (two app instances) share the store', async () => {
    // Polling at a pace the in-process PGlite keeps up with beside the receiver (one event loop).
    const sent = { first: 0, second: 0 };
    const { receiver, outbox } = await setup(() => ({ status: 200, delayMs: 20 }), { pollMs: 50, onAttempt: () => sent.first++ }, 5_000);
    const second = openAlertDelivery({ store: t.db.alerts, outbound: { allowPrivate: true, timeoutMs: 5_000 }, outbox: { ...FAST, pollMs: 50, onAttempt: () => sent.second++ } }).outbox;
    second.start();
    cleanups.push(() => second.stop());
    await outbox.accept(Array.from({ length: 12 }, (_, i) => alert(100 + i)));
    second.kick();
    await until(async () => (await outbox.list('acme')).every((d) => d.state === 'delivered') && receiver.raw.length >= 12, 20_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.raw).toHaveLength(12);
    expect(new Set(receiver.raw.map((r) => r.id)).size).toBe(12);
    expect(sent.first + sent.second).toBe(12);
    expect(Math.min(sent.first, sent.second)).toBeGreaterThan(0); // both took part
  });
});
