import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueryResponse } from '@/lib/contract/schemas';
import { applyUpdate } from '@/lib/contract/stream';
import { StreamHub, type StreamEvent, type StreamSource } from './stream-hub';

vi.mock('server-only', () => ({}));

const answer = (until: number): QueryResponse => ({
  columns: [
    { name: 't', type: 'time' },
    { name: 'events', type: 'number' },
  ],
  // A live minute series: the window moves with the data's end, the last bucket still filling.
  rows: [0, 1, 2].map((i) => [until - (3 - i) * 60_000, i === 2 ? until % 7 : 10 + i]),
  compare: null,
  meta: { engine: 'embedded', cache: 'miss', ageMs: 0, queryMs: 1, interval: { start: new Date(until - 180_000).toISOString(), end: new Date(until).toISOString() }, grain: 'PT1M', dataUntil: new Date(until).toISOString() },
});

/** A view whose data end moves when the test says so; counts the computations. */
function world() {
  let until = 1_000_000;
  let computed = 0;
  const source: StreamSource = {
    dataUntil: async () => until,
    answers: async () => {
      computed++;
      return [['a', answer(until)], ['b', answer(until + 1)]] as const;
    },
  };
  return { source: () => source, advance: (ms: number) => (until += ms), computed: () => computed, now: () => until };
}

/** A browser: applies every event to its own copy of the answers, as the UI does. */
function browser() {
  const answers = new Map<string, QueryResponse>();
  const ids: string[] = [];
  const send = (e: StreamEvent) => {
    ids.push(e.id);
    for (const u of e.updates) answers.set(u.panel, applyUpdate(answers.get(u.panel), u));
  };
  return { answers, ids, send };
}

const OPTS = { tickMs: 10, history: 4, maxPerTenant: 3, maxTotal: 5 };
const settle = () => new Promise((r) => setTimeout(r, 40));

describe('the stream hub', () => {
  afterEach(() => vi.useRealTimers());

  it('computes a view once per tick however many browsers watch it, and each browser ends with the answers', async () => {
    const hub = new StreamHub({ ...OPTS, maxPerTenant: 100, maxTotal: 100 });
    const w = world();
    const browsers = Array.from({ length: 20 }, browser);
    const subs = await Promise.all(browsers.map((b) => hub.subscribe('t1|view', 't1', w.source, b.send)));
    expect(w.computed()).toBe(1);
    w.advance(60_000);
    await settle();
    expect(w.computed()).toBe(2); // the data moved once: one more computation, not 20
    for (const b of browsers) {
      expect(b.answers.get('a')).toEqual(answer(w.now()));
      expect(b.answers.get('b')).toEqual(answer(w.now() + 1));
    }
    subs.forEach((u) => u());
    expect(hub.stats()).toEqual({ topics: 0, streams: 0 });
  });

  it('asks nothing again while the data stands still', async () => {
    const hub = new StreamHub(OPTS);
    const w = world();
    const b = browser();
    const unsubscribe = await hub.subscribe('k', 't1', w.source, b.send);
    await settle();
    expect(w.computed()).toBe(1);
    expect(b.ids).toHaveLength(1);
    unsubscribe();
  });

  it('resumes a reconnecting browser from its Last-Event-ID with only what it missed', async () => {
    const hub = new StreamHub(OPTS);
    const w = world();
    const watcher = browser(); // keeps the topic alive while the other is away
    const keep = await hub.subscribe('k', 't1', w.source, watcher.send);
    const away = browser();
    (await hub.subscribe('k', 't1', w.source, away.send))();
    w.advance(60_000);
    await settle();
    w.advance(60_000);
    await settle();
    const back: StreamEvent[] = [];
    const unsubscribe = await hub.subscribe('k', 't1', w.source, (e) => back.push(e), away.ids.at(-1));
    expect(back.map((e) => e.id)).toEqual(watcher.ids.slice(1));
    back.forEach(away.send);
    expect(away.answers).toEqual(watcher.answers);
    // An id it cannot resume from (another process's, or too old): every answer from nothing.
    const fresh: StreamEvent[] = [];
    (await hub.subscribe('k', 't1', w.source, (e) => fresh.push(e), 'cafebabe.1'))();
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.updates.map((u) => [u.panel, u.rows.drop, u.rows.keep])).toEqual([['a', 0, 0], ['b', 0, 0]]);
    unsubscribe();
    keep();
  });

  it('counts streams against the tenant: beyond its share, 429 and the others unaffected', async () => {
    const hub = new StreamHub(OPTS);
    const w = world();
    const subs = await Promise.all([1, 2, 3].map(() => hub.subscribe('k', 't1', w.source, () => {})));
    await expect(hub.subscribe('k', 't1', w.source, () => {})).rejects.toMatchObject({ code: 'rate_limited' });
    const other = await hub.subscribe('k2', 't2', w.source, () => {});
    subs[0]!();
    const again = await hub.subscribe('k', 't1', w.source, () => {});
    [again, other, subs[1]!, subs[2]!].forEach((u) => u());
    expect(hub.stats()).toEqual({ topics: 0, streams: 0 });
  });

  it('throws the first computation’s error to the subscriber and keeps no topic or count', async () => {
    const hub = new StreamHub(OPTS);
    const failing = { dataUntil: async () => 1, answers: async () => Promise.reject(new Error('bad view')) };
    await expect(hub.subscribe('k', 't1', () => failing, () => {})).rejects.toThrow('bad view');
    expect(hub.stats()).toEqual({ topics: 0, streams: 0 });
  });
});
