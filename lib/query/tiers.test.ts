import { describe, expect, it } from 'vitest';
import { codeMeasure } from '@/lib/dashboards/measure';
import { findDatasource } from '@/lib/dashboards/registry';
import { datasourceTiers } from '@/lib/dashboards/tiers';
import type { Grain } from '@/lib/view/time';
import type { QuerySpec } from './spec';
import { exactParts, MIN_TIERED_SPAN_MS, tierParts } from './tiers';

const logins = findDatasource('logins')!;
const tiers = datasourceTiers(logins);
const H = 3_600_000;
const DAY = 24 * H;
const MIDNIGHT = Date.parse('2026-03-20T00:00:00Z');

function spec(over: Partial<QuerySpec> & { start: number; end: number }): QuerySpec {
  const { start, end, ...rest } = over;
  return {
    datasource: 'logins',
    tenant: 'acme',
    interval: { start, end },
    tz: 'UTC',
    filters: [],
    dimensions: [],
    measures: [codeMeasure(logins, { id: 'n', type: 'count' })],
    orderBy: [],
    limit: 10,
    ...rest,
  };
}

/** Each part as [table or "base", start offset in hours from MIDNIGHT, end offset]. */
function parts(s: QuerySpec): [string, number, number][] | null {
  return exactParts(s, tiers)?.map((p) => [p.tier?.table ?? 'base', (p.start - MIDNIGHT) / H, (p.end - MIDNIGHT) / H]) ?? null;
}

describe('exactParts: the coarsest tier that answers exactly, edges from finer ones', () => {
  it('splits a total over days into days, hours and minutes', () => {
    const s = spec({ start: MIDNIGHT - 2.5 * H, end: MIDNIGHT + 2 * DAY + 3.25 * H });
    expect(parts(s)).toEqual([
      ['base', -2.5, -2],
      ['logins__hour', -2, 0],
      ['logins__day', 0, 48],
      ['logins__hour', 48, 51],
      ['base', 51, 51.25],
    ]);
  });

  it('reads the open edge of "the last 24 hours" ending mid-hour from the table', () => {
    const end = MIDNIGHT + 10.5 * H;
    expect(parts(spec({ start: end - DAY, end }))).toEqual([
      ['base', -13.5, -13],
      ['logins__hour', -13, 10],
      ['base', 10, 10.5],
    ]);
  });

  it('uses no tier for a range inside one hour', () => {
    expect(parts(spec({ start: MIDNIGHT + 0.1 * H, end: MIDNIGHT + 0.9 * H }))).toBeNull();
  });

  it('keeps daily buckets in UTC on the day tier, in Berlin on the hour tier, in Kolkata and Kathmandu on the table', () => {
    const range = { start: MIDNIGHT, end: MIDNIGHT + 7 * DAY, bucket: 'P1D' as Grain };
    expect(parts(spec(range))).toEqual([['logins__day', 0, 168]]);
    // Europe/Berlin's days start at 23:00 or 22:00 UTC: never UTC-day aligned, but whole hours (DST included).
    const berlin = { start: Date.parse('2026-03-25T23:00:00Z'), end: Date.parse('2026-04-01T22:00:00Z') };
    expect(exactParts(spec({ ...berlin, bucket: 'P1D', tz: 'Europe/Berlin' }), tiers)?.map((p) => p.tier?.table)).toEqual(['logins__hour']);
    for (const tz of ['Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns']) {
      expect(parts(spec({ ...range, tz })), tz).toBeNull();
    }
    // Lord Howe is +11:00 in its summer (hours align) and +10:30 from April 5: a week reaching near it does not.
    expect(parts(spec({ ...range, tz: 'Australia/Lord_Howe' }))).toEqual([['logins__hour', 0, 168]]);
    expect(parts(spec({ start: MIDNIGHT + 7 * DAY, end: MIDNIGHT + 14 * DAY, bucket: 'P1D', tz: 'Australia/Lord_Howe' }))).toBeNull();
  });

  it('answers a total in any zone from tiers (no bucket depends on the zone)', () => {
    expect(parts(spec({ start: MIDNIGHT, end: MIDNIGHT + DAY, tz: 'Asia/Kathmandu' }))).toEqual([['logins__day', 0, 24]]);
  });

  it('keeps sub-hour grains on the table, and an hour-of-day heatmap off the day tier', () => {
    expect(parts(spec({ start: MIDNIGHT, end: MIDNIGHT + DAY, bucket: 'PT15M' }))).toBeNull();
    expect(parts(spec({ start: MIDNIGHT, end: MIDNIGHT + DAY, timeParts: ['dow', 'hour'] }))).toEqual([['logins__hour', 0, 24]]);
  });

  it('reads only tiers that keep the dimensions the query splits, filters or counts distinct', () => {
    const day = { start: MIDNIGHT, end: MIDNIGHT + DAY };
    expect(parts(spec({ ...day, dimensions: ['country'] }))).toEqual([['logins__day', 0, 24]]);
    expect(parts(spec({ ...day, dimensions: ['user'] }))).toEqual([['logins__hour', 0, 24]]);
    expect(parts(spec({ ...day, filters: [{ dim: 'user', op: 'in', values: ['x'] }] }))).toEqual([['logins__hour', 0, 24]]);
    expect(parts(spec({ ...day, measures: [codeMeasure(logins, { id: 'u', type: 'distinct', field: 'user' })] }))).toEqual([['logins__hour', 0, 24]]);
  });

  it('reads tiers only for intervals of two days or more, where they pay for their parts', () => {
    const total = (days: number) => spec({ start: MIDNIGHT, end: MIDNIGHT + days * DAY });
    expect(MIN_TIERED_SPAN_MS).toBe(2 * DAY);
    expect(exactParts(total(1), tiers)).not.toBeNull();
    expect(tierParts(total(1), tiers)).toBeNull();
    expect(tierParts(total(2), tiers)?.map((p) => p.tier?.table)).toEqual(['logins__day']);
  });

  it('keeps no tier for a datasource without rollup', () => {
    expect(datasourceTiers(findDatasource('alerts')!)).toEqual([]);
  });
});
