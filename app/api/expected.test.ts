import { beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '@/lib/runtime/runtime';
import { bandOf } from '@/lib/service/expected-band';
import { api, cookieFor } from '@/lib/testing/api-client';

process.env.PULSE_LIVE = 'off';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  await getRuntime();
  for (const tenant of ['acme', 'globex']) cookies[tenant] = await cookieFor(`demo@${tenant}.test`);
});

type Body = { dashboard: string; panel: string; view: Record<string, unknown> };
type Band = { columns: { name: string }[]; rows: number[][]; outside: number[][] };

/** A pinned day of hours ending an hour before the data's end: every bucket closed, four weeks of history behind it. */
async function pinnedDay(body: Omit<Body, 'view'>, cookie: string, view: Record<string, unknown> = {}) {
  const probe = await api.query({ ...body, view: { range: { last: 'PT1H' }, tz: 'UTC' } }, cookie);
  const end = Math.floor(Date.parse(probe.body.meta.dataUntil) / HOUR) * HOUR - HOUR;
  return (shift: number) => ({ range: { start: new Date(end - 24 * HOUR - shift).toISOString(), end: new Date(end - shift).toISOString() }, tz: 'UTC', grain: 'PT1H', ...view });
}

/** The oracle: the band of each bucket from the same series asked through the API for each of the four weeks before. */
async function bandFromWeeks(body: Omit<Body, 'view'>, view: (shift: number) => Record<string, unknown>, cookie: string) {
  const plain = await api.query({ ...body, view: view(0), expected: false }, cookie);
  const weeks = await Promise.all([1, 2, 3, 4].map(async (k) => (await api.query({ ...body, view: view(k * WEEK) }, cookie)).body.rows as [number, number][]));
  const rows = (plain.body.rows as [number, number][]).flatMap(([t]) => {
    const band = bandOf(weeks.flatMap((w, k) => w.filter(([s]) => s === t - (k + 1) * WEEK).map(([, v]) => v)), true);
    return band ? [[t, band.low, band.median, band.high]] : [];
  });
  const outside = (plain.body.rows as [number, number][]).filter(([t, v]) => {
    const b = rows.find((r) => r[0] === t);
    return b !== undefined && (v < b[1]! || v > b[3]!);
  });
  return { plain, rows, outside };
}

describe('the expected range of a time series (POST /api/query with expected)', () => {
  it('is, bucket by bucket, the band of the same series asked for each of the four weeks before', async () => {
    const body = { dashboard: 'cluster-overview', panel: 'throughput' };
    const view = await pinnedDay(body, cookies.acme!, { split: null });
    const withBand = await api.query({ ...body, view: view(0), expected: true }, cookies.acme);
    expect(withBand.status, JSON.stringify(withBand.body)).toBe(200);
    const oracle = await bandFromWeeks(body, view, cookies.acme!);
    expect(oracle.plain.body.expected).toBeUndefined();
    expect(withBand.body.rows).toEqual(oracle.plain.body.rows);
    expect(oracle.rows.length).toBe(24);
    expect(withBand.body.expected.rows).toEqual(oracle.rows);
    expect(withBand.body.expected.outside).toEqual(oracle.outside);
    expect(withBand.body.expected.columns.map((c: { name: string }) => c.name)).toEqual(['t', 'low', 'median', 'high']);
  });

  it('flags the sample’s planted anomaly: the credential-stuffing burst an hour before now, on by the dashboard’s default', async () => {
    const body = { dashboard: 'security-logins', panel: 'failures' };
    const r = await api.query({ ...body, view: { range: { last: 'P1D' }, tz: 'UTC', grain: 'PT1H' } }, cookies.acme);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const band = r.body.expected as Band;
    expect(band.rows).toHaveLength(24);
    // lib/ingest/sample-sql.ts: the attack runs from 75 to 45 minutes before the sample's "now" (the data's end, live off).
    const now = Math.floor(Date.parse(r.body.meta.dataUntil) / 1000) * 1000;
    const attack = new Set([Math.floor((now - 4500_000) / HOUR) * HOUR, Math.floor((now - 2701_000) / HOUR) * HOUR]);
    // Only closed hours are judged: past minute 45 the burst's second hour is still the open one.
    const closed = [...attack].filter((t) => t + HOUR <= now);
    expect(closed.length).toBeGreaterThan(0);
    for (const t of closed) {
      const flagged = band.outside.find(([s]) => s === t);
      expect(flagged, `the attack's hour ${new Date(t).toISOString()} is flagged`).toBeDefined();
      expect(flagged![1]).toBeGreaterThan(band.rows.find(([s]) => s === t)![3]! * 5);
    }
    // Ordinary hours are not: at most a stray one besides the attack.
    expect(band.outside.filter(([t]) => !attack.has(t!)).length).toBeLessThanOrEqual(2);
    expect((await api.query({ ...body, view: { range: { last: 'P1D' } }, expected: false }, cookies.acme)).body.expected).toBeUndefined();
  });

  it('says so with no rows where there is not enough history (three of the four weeks at least)', async () => {
    // The sample holds 30 days: a day seven weeks back has no week before it with data.
    const body = { dashboard: 'security-logins', panel: 'failures' };
    const view = await pinnedDay(body, cookies.acme!);
    const r = await api.query({ ...body, view: view(4 * WEEK) }, cookies.acme);
    expect(r.status).toBe(200);
    expect(r.body.rows.length).toBe(24);
    expect(r.body.expected).toEqual({ columns: expect.any(Array), rows: [], outside: [] });
  });

  it('is each tenant’s own: its band is made of its own weeks only', async () => {
    const body = { dashboard: 'security-logins', panel: 'failures' };
    const bands: unknown[] = [];
    for (const tenant of ['acme', 'globex']) {
      const view = await pinnedDay(body, cookies[tenant]!);
      const r = await api.query({ ...body, view: view(0) }, cookies[tenant]);
      const oracle = await bandFromWeeks(body, view, cookies[tenant]!);
      expect(r.body.expected.rows, tenant).toEqual(oracle.rows);
      bands.push(r.body.expected.rows.map((row: number[]) => row.slice(1)));
    }
    expect(bands[0]).not.toEqual(bands[1]);
  });

  it('is refused, at expected, around a split series', async () => {
    const r = await api.query({ dashboard: 'cluster-overview', panel: 'throughput', view: { range: { last: 'P1D' } }, expected: true }, cookies.acme);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_input', path: 'expected' });
    expect((await api.query({ dashboard: 'cluster-overview', panel: 'throughput', view: { range: { last: 'P1D' } }, expected: 'yes' }, cookies.acme)).body.error).toMatchObject({ path: 'expected' });
  });
});
