import { describe, expect, it } from 'vitest';
import type { TenantThresholds } from '@/lib/store/thresholds';
import { ThresholdFeed, thresholdRecord, type ThresholdRecord } from './threshold-feed';

const at = new Date('2026-12-01T10:00:00Z');

describe('thresholdRecord', () => {
  it("keys by tenant, carries the overrides dated by their change, and is a tombstone when there are none", () => {
    expect(thresholdRecord({ tenant: 'acme', thresholds: { login_spike: { minFailures: 40 } }, changedAt: at }, 5)).toEqual({
      key: 'acme', value: '{"tenant":"acme","login_spike":{"minFailures":40}}', timestamp: at.getTime(),
    });
    expect(thresholdRecord({ tenant: 'acme', thresholds: {}, changedAt: null }, 5)).toEqual({ key: 'acme', value: null, timestamp: 5 });
  });
});

/** A database of overrides and a topic that fails the first `failFirst` sends. */
function world(failFirst = 0) {
  const db = new Map<string, TenantThresholds>([
    ['acme', { tenant: 'acme', thresholds: { login_spike: { minFailures: 40 } }, changedAt: at }],
    ['globex', { tenant: 'globex', thresholds: {}, changedAt: null }],
  ]);
  const topic: ThresholdRecord[] = [];
  const failures: number[] = [];
  let sends = 0;
  const feed = new ThresholdFeed({
    read: async (t) => structuredClone(db.get(t) ?? { tenant: t, thresholds: {}, changedAt: null }),
    readAll: async () => [...db.values()].map((v) => structuredClone(v)),
    send: async (records) => {
      if (++sends <= failFirst) throw new Error('broker unavailable');
      topic.push(...records);
    },
    retryBaseMs: 5,
    retryMaxMs: 20,
    now: () => 7,
    onFailure: (_err, attempt) => failures.push(attempt),
  });
  return { db, topic, failures, feed };
}

describe('ThresholdFeed', () => {
  it('publishes every tenant on snapshot, a tombstone for those without overrides', async () => {
    const w = world();
    await w.feed.snapshot();
    expect(w.topic.map((r) => [r.key, r.value === null])).toEqual([['acme', false], ['globex', true]]);
  });

  it('retries a failed send until it succeeds, reporting each failure, and loses no change', async () => {
    const w = world(3);
    w.db.set('globex', { tenant: 'globex', thresholds: { consumer_lag_rising: { minLag: 5 } }, changedAt: at });
    await w.feed.changed('globex');
    expect(w.failures).toEqual([1, 2, 3]);
    expect(w.topic).toEqual([{ key: 'globex', value: '{"tenant":"globex","consumer_lag_rising":{"minLag":5}}', timestamp: at.getTime() }]);
  });

  it('sends what is committed when it sends: the last record of a tenant is its last state', async () => {
    const w = world(1);
    const first = w.feed.changed('acme'); // fails once, then retries...
    w.db.set('acme', { tenant: 'acme', thresholds: {}, changedAt: null }); // ...after the override is removed
    const second = w.feed.changed('acme');
    await Promise.all([first, second]);
    expect(w.topic.at(-1)).toEqual({ key: 'acme', value: null, timestamp: 7 });
    expect(w.topic.every((r) => r.value === null)).toBe(true);
  });

  it('two instances: a batch that lands after a newer state is followed by that state again', async () => {
    const w = world();
    const newer = { tenant: 'acme', thresholds: { login_spike: { minFailures: 99 } }, changedAt: new Date(at.getTime() + 60_000) };
    let other: ThresholdFeed | undefined;
    // Instance A read acme's old state; while its batch is on the way, B commits a change and publishes it first.
    const a = new ThresholdFeed({
      read: async (t) => structuredClone(w.db.get(t)!),
      readAll: async () => [...w.db.values()].map((v) => structuredClone(v)),
      send: async (records) => {
        if (!other) {
          w.db.set('acme', newer);
          other = new ThresholdFeed({ read: async (t) => structuredClone(w.db.get(t)!), readAll: async () => [], send: async (r) => void w.topic.push(...r) });
          await other.changed('acme');
        }
        w.topic.push(...records);
      },
    });
    await a.changed('acme');
    expect(w.topic.map((r) => JSON.parse(r.value!).login_spike.minFailures)).toEqual([99, 40, 99]);
  });

  it('publishes a change made just as the previous batch finishes', async () => {
    const w = world();
    await w.feed.changed('acme').then(() => w.feed.changed('globex'));
    expect(w.topic.map((r) => r.key)).toEqual(['acme', 'globex']);
  });

  it('refuses new changes once stopped and rejects those it could not publish', async () => {
    const w = world(1_000);
    const pending = w.feed.changed('acme');
    await new Promise((r) => setTimeout(r, 30));
    await w.feed.stop();
    await expect(pending).rejects.toThrow(/stopped/);
    await expect(w.feed.changed('acme')).rejects.toThrow(/stopped/);
    expect(w.topic).toEqual([]);
  });
});
