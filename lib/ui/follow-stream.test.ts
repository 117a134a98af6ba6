import { describe, expect, it } from 'vitest';
import type { PanelUpdate } from '@/lib/contract/stream';
import { followStream, retryDelay } from './follow-stream';

const update = (panel: string): PanelUpdate => ({
  panel,
  columns: [],
  rows: { drop: 0, keep: 0, add: [] },
  compare: null,
  meta: { engine: 'embedded', cache: 'hit', ageMs: 0, queryMs: 0, interval: { start: '2026-12-04T00:00:00.000Z', end: '2026-12-04T01:00:00.000Z' }, grain: 'PT1M', dataUntil: null },
});

const eventStream = (text: string) => new Response(text, { headers: { 'content-type': 'text/event-stream' } });
const frame = (id: string, panel: string) => `id: ${id}\nevent: update\ndata: ${JSON.stringify({ updates: [update(panel)] })}\n\n`;

/** A server answering each connection with the next of `replies`; records what each asked with. */
function server(replies: (() => Response)[], abort: AbortController) {
  const asked: (string | undefined)[] = [];
  const open = async (_path: string, init: { lastEventId?: string }) => {
    asked.push(init.lastEventId);
    const next = replies.shift();
    if (!next) {
      abort.abort();
      throw new Error('aborted');
    }
    return next();
  };
  return { asked, open };
}

describe('following the stream', () => {
  it('delivers the updates and reconnects after a stream ends, resuming from the last event it saw', async () => {
    const abort = new AbortController();
    const { asked, open } = server([() => eventStream(`retry: 5\n\n${frame('e.1', 'a')}${frame('e.2', 'b')}`), () => eventStream(frame('e.3', 'a'))], abort);
    const panels: string[] = [];
    const states: string[] = [];
    await followStream('/api/stream?dashboard=d', { onUpdates: (us) => panels.push(...us.map((u) => u.panel)), onState: (s) => states.push(s) }, abort.signal, open);
    expect(panels).toEqual(['a', 'b', 'a']);
    expect(asked).toEqual([undefined, 'e.2', 'e.3']);
    expect(states.every((s) => s === 'live')).toBe(true);
  });

  it('falls back to polling when the stream is refused for the quota (429), and stops for a client error', async () => {
    const abort = new AbortController();
    const states: string[] = [];
    const quota = server([() => new Response('{}', { status: 429, headers: { 'content-type': 'application/json' } })], abort);
    const following = followStream('/s', { onUpdates: () => {}, onState: (s) => states.push(s) }, abort.signal, quota.open);
    await new Promise((r) => setTimeout(r, 20));
    expect(states).toEqual(['polling']);
    abort.abort(); // it was waiting a minute before trying the stream again
    await following;

    const bad = new AbortController();
    const refused = server([() => new Response('{}', { status: 400 }), () => eventStream(frame('x', 'a'))], bad);
    await followStream('/s', { onUpdates: () => {}, onState: () => {} }, bad.signal, refused.open);
    expect(refused.asked).toHaveLength(1);
  });

  it('falls back to polling when a proxy answers with something that is not an event stream', async () => {
    const abort = new AbortController();
    const states: string[] = [];
    const proxy = server([() => new Response('<html>blocked</html>', { headers: { 'content-type': 'text/html' } })], abort);
    const following = followStream('/s', { onUpdates: () => {}, onState: (s) => states.push(s) }, abort.signal, proxy.open);
    await new Promise((r) => setTimeout(r, 20));
    expect(states).toEqual(['polling']);
    abort.abort();
    await following;
  });

  it('starts again from every answer when an update does not apply to what it has', async () => {
    const abort = new AbortController();
    const { asked, open } = server([() => eventStream(`retry: 5\n\n${frame('e.1', 'a')}${frame('e.2', 'broken')}`), () => eventStream(frame('e.9', 'a'))], abort);
    await followStream('/s', { onUpdates: (us) => { if (us[0]!.panel === 'broken') throw new Error('does not fit'); }, onState: () => {} }, abort.signal, open);
    expect(asked).toEqual([undefined, undefined, 'e.9']);
  });

  it('waits longer after each failure in a row, at most a minute', () => {
    expect([0, 1, 2, 3, 9].map((f) => retryDelay(2_000, f))).toEqual([2_000, 2_000, 4_000, 8_000, 60_000]);
  });
});
