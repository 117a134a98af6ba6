/**
 * GET /api/stream on the embedded engine with live sample data (one second appended every second):
 * what a browser builds from the events equals what POST /api/query answers for the same interval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResponse } from '@/lib/contract/schemas';
import { applyUpdate, type PanelUpdate } from '@/lib/contract/stream';
import { findDashboard } from '@/lib/dashboards/registry';
import { getRuntime } from '@/lib/runtime/runtime';
import { api, cookieFor } from '@/lib/testing/api-client';
import { readEvents } from '@/lib/testing/sse';
import { DURATION_MS } from '@/lib/view/time';
import * as streamRoute from './stream/route';

process.env.PULSE_LIVE = 'on';
process.env.PULSE_STREAMS_PER_TENANT = '4';
process.env.PULSE_STREAM_TICK_MS = '250';

let acme: string;
let globex: string;
const open: AbortController[] = [];

beforeAll(async () => {
  await getRuntime();
  acme = await cookieFor('demo@acme.test');
  globex = await cookieFor('demo@globex.test');
}, 120_000);
afterAll(() => open.forEach((c) => c.abort()));

const VIEW = 'v=1&r=PT1H&tz=Europe%2FBerlin&g=PT1M';

async function stream(query: string, cookie: string, lastEventId?: string) {
  const abort = new AbortController();
  open.push(abort);
  const headers: Record<string, string> = { cookie, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) };
  const res = await streamRoute.GET(new Request(`http://pulse.test/api/stream?${query}`, { headers, signal: abort.signal }));
  return { res, abort };
}

const updatesOf = (data: string) => (JSON.parse(data) as { updates: PanelUpdate[] }).updates;

describe('live push (GET /api/stream)', () => {
  it('sends every panel first, then only what changed; merged in, the closed buckets equal POST /api/query on the same interval', async () => {
    const { res, abort } = await stream(`dashboard=cluster-overview&${VIEW}`, acme);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toContain('no-transform');
    const events = readEvents(res);
    const screen = new Map<string, QueryResponse>();
    const first = await events.next();
    expect(first.event).toBe('update');
    const panels = findDashboard('cluster-overview')!.panels.map((p) => p.id);
    expect(updatesOf(first.data).map((u) => u.panel).sort()).toEqual([...panels].sort());
    for (const u of updatesOf(first.data)) {
      expect([u.rows.drop, u.rows.keep]).toEqual([0, 0]);
      screen.set(u.panel, applyUpdate(undefined, u));
    }
    // The data moves on every second: later events change the open buckets, not whole series
    // (an event carries only the panels whose answers changed; the throughput's comes within a few).
    let previousId = Number(first.id!.split('.')[1]);
    let series: PanelUpdate | undefined;
    for (let i = 0; i < 10 && !series; i++) {
      const next = await events.next();
      expect(Number(next.id!.split('.')[1])).toBeGreaterThan(previousId);
      previousId = Number(next.id!.split('.')[1]);
      series = updatesOf(next.data).find((u) => u.panel === 'throughput');
      if (series) {
        expect(series.rows.keep).toBeGreaterThan(0);
        expect(series.rows.add.length).toBeLessThan(screen.get('throughput')!.rows.length);
      }
      for (const u of updatesOf(next.data)) screen.set(u.panel, applyUpdate(screen.get(u.panel), u));
    }
    expect(series, 'the throughput changed within ten events').toBeDefined();
    abort.abort();

    for (const panel of ['throughput', 'latency', 'replication']) {
      const shown = screen.get(panel)!;
      const { start, end } = shown.meta.interval;
      const pinned = await api.query({ dashboard: 'cluster-overview', panel, view: { range: { start, end }, tz: 'Europe/Berlin', grain: 'PT1M' } }, acme);
      expect(pinned.status).toBe(200);
      const until = Date.parse(shown.meta.dataUntil!);
      // Buckets closed when the stream's answer was made cannot have changed since; the open one may have.
      const closed = (rows: QueryResponse['rows']) => rows.filter((r) => (r[0] as number) + DURATION_MS.PT1M <= until);
      expect(closed(shown.rows).length).toBeGreaterThan(30);
      expect(closed(pinned.body.rows)).toEqual(closed(shown.rows));
      expect(pinned.body.columns).toEqual(shown.columns);
    }
  }, 60_000);

  it('answers many watchers of one view with one computation, and resumes a reconnect with only what it missed', async () => {
    const rt = await getRuntime();
    const before = rt.streams.stats();
    const a = await stream(`dashboard=api-traffic&${VIEW}`, acme);
    const b = await stream(`dashboard=api-traffic&${VIEW}`, acme);
    expect(rt.streams.stats()).toEqual({ topics: before.topics + 1, streams: before.streams + 2 });
    const ea = readEvents(a.res);
    const eb = readEvents(b.res);
    const firstA = await ea.next();
    const firstB = await eb.next();
    expect(firstB.id).toBe(firstA.id);
    const later = await ea.next();
    expect((await eb.next()).id).toBe(later.id);
    b.abort.abort();
    const missed = await ea.next();
    // Back with the id of the last event it saw: the events after it, none of them from nothing.
    const c = await stream(`dashboard=api-traffic&${VIEW}`, acme, later.id);
    const resumed = await readEvents(c.res).next();
    expect(resumed.id).toBe(missed.id);
    expect(updatesOf(resumed.data).every((u) => u.rows.drop + u.rows.keep > 0 || u.rows.add.length === 0 || u.panel === 'kpis')).toBe(true);
    a.abort.abort();
    c.abort.abort();
  }, 60_000);

  it('counts open streams against the tenant: beyond its quota 429 with Retry-After, other tenants unaffected', async () => {
    const rt = await getRuntime();
    await new Promise((r) => setTimeout(r, 50));
    const before = rt.streams.stats().streams;
    const mine = await Promise.all(Array.from({ length: 4 - before }, () => stream(`dashboard=security-logins&${VIEW}`, acme)));
    expect(mine.every((s) => s.res.status === 200)).toBe(true);
    const refused = await stream(`dashboard=security-logins&${VIEW}`, acme);
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('retry-after')).toBeTruthy();
    expect((await refused.res.json()).error.code).toBe('rate_limited');
    const theirs = await stream(`dashboard=security-logins&${VIEW}`, globex);
    expect(theirs.res.status).toBe(200);
    [...mine, theirs].forEach((s) => s.abort.abort());
  }, 60_000);

  it.each([
    ['no dashboard', VIEW, 400, 'dashboard'],
    ['a view parameter it cannot take', 'dashboard=cluster-overview&r=P9X', 400, 'r'],
    ['an unknown filter operator', 'dashboard=cluster-overview&r=PT1H&like.cluster=a', 400, 'like.cluster'],
    ['a grain not among the grains', 'dashboard=cluster-overview&r=P7D&g=PT1S', 400, 'g'],
    ['more buckets than a chart can take', 'dashboard=cluster-overview&r=P30D&g=PT1M', 400, 'g'],
    ['an unknown dashboard', `dashboard=nope&${VIEW}`, 404, 'dashboard'],
  ])('refuses %s with a JSON error at its parameter', async (_name, query, status, path) => {
    const { res } = await stream(query, acme);
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.path).toBe(path);
    expect(JSON.stringify(body)).not.toMatch(/SELECT|at \//);
  });

  it('needs a session or an embed token (401)', async () => {
    const res = await streamRoute.GET(new Request(`http://pulse.test/api/stream?dashboard=cluster-overview&${VIEW}`));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthenticated');
  });
});
