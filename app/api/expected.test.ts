import { beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '@/lib/runtime/runtime';
import { bandOf } from '@/lib/service/expected-band';
import { api, cookieFor } from '@/lib/testing/api-client';

process.env.PULSE_LIVE = 'off';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
let acme: string;
beforeAll(async () => {
  await getRuntime();
  acme = await cookieFor('demo@acme.test');
});

describe('the expected range of a time series (POST /api/query with expected)', () => {
  it('is, bucket by bucket, the band of the same series asked for each of the four weeks before', async () => {
    // A pinned day ending an hour before the data's end: every bucket closed, four weeks of history behind it.
    const probe = await api.query({ dashboard: 'cluster-overview', panel: 'throughput', view: { range: { last: 'PT1H' }, tz: 'UTC' } }, acme);
    const end = Math.floor(Date.parse(probe.body.meta.dataUntil) / HOUR) * HOUR - HOUR;
    const view = (shift: number) => ({ range: { start: new Date(end - 24 * HOUR - shift).toISOString(), end: new Date(end - shift).toISOString() }, tz: 'UTC', grain: 'PT1H', split: null });
    const body = { dashboard: 'cluster-overview', panel: 'throughput' };
    const withBand = await api.query({ ...body, view: view(0), expected: true }, acme);
    expect(withBand.status, JSON.stringify(withBand.body)).toBe(200);
    const plain = await api.query({ ...body, view: view(0) }, acme);
    expect(plain.body.expected).toBeUndefined();
    expect(withBand.body.rows).toEqual(plain.body.rows);

    const weeks = await Promise.all([1, 2, 3, 4].map(async (k) => (await api.query({ ...body, view: view(k * WEEK) }, acme)).body.rows as [number, number][]));
    const expected = (plain.body.rows as [number, number][]).flatMap(([t]) => {
      const band = bandOf(weeks.flatMap((rows, k) => rows.filter(([s]) => s === t - (k + 1) * WEEK).map(([, v]) => v)));
      return band ? [[t, Math.max(0, band.low), band.median, band.high]] : [];
    });
    expect(expected.length).toBe(24);
    expect(withBand.body.expected.rows).toEqual(expected);
    const outside = (plain.body.rows as [number, number][]).filter(([t, v]) => {
      const b = expected.find((r) => r[0] === t)!;
      return v < b[1]! || v > b[3]!;
    });
    expect(withBand.body.expected.outside).toEqual(outside);
    expect(withBand.body.expected.columns.map((c: { name: string }) => c.name)).toEqual(['t', 'low', 'median', 'high']);
  });

  it('is refused, at expected, around a split series', async () => {
    const r = await api.query({ dashboard: 'cluster-overview', panel: 'throughput', view: { range: { last: 'P1D' } }, expected: true }, acme);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_input', path: 'expected' });
    expect((await api.query({ dashboard: 'cluster-overview', panel: 'throughput', view: { range: { last: 'P1D' } }, expected: 'yes' }, acme)).body.error).toMatchObject({ path: 'expected' });
  });
});
