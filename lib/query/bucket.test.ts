import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAINS } from '@/lib/view/time';
import { floorToGrain, offsetAt } from '@/lib/view/zoned';
import { compile } from './compile';
import { SPEC_FIXTURES } from './fixtures';

const ICU_INTERVAL = { PT1M: '1 minute', PT5M: '5 minutes', PT15M: '15 minutes', PT1H: '1 hour', P1D: '1 day', P1W: '1 week' } as const;
const ICU_ORIGIN = Date.parse('2000-01-03T00:00:00Z');
let conn: Awaited<ReturnType<DuckDBInstance['connect']>>;

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run('CREATE TABLE logins (ts TIMESTAMPTZ, tenant VARCHAR)');
});
afterAll(() => conn.closeSync());

/** Our epoch-arithmetic bucket for one instant, through the real compiled SQL. */
async function ourBucket(ms: number, grain: (typeof GRAINS)[number], tz: string): Promise<number> {
  await conn.run('DELETE FROM logins');
  await conn.run('INSERT INTO logins VALUES ($1::TIMESTAMPTZ, $2)', [new Date(ms).toISOString(), 'acme']);
  const spec = { ...SPEC_FIXTURES.kpi!, measures: [], bucket: grain, tz, interval: { start: ms - 86_400_000, end: ms + 86_400_000 }, orderBy: [], limit: 10 };
  const q = compile(spec, 'duckdb');
  return Number((await conn.runAndReadAll(q.sql, q.params.map((p) => p.value))).getRowsJS()[0]![0]);
}

describe('DuckDB bucketing on epoch milliseconds', () => {
  it('agrees with the planner everywhere, DST changes included, and with ICU time_bucket away from them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
        fc.constantFrom(...GRAINS),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe'),
        async (ms, grain, tz) => {
          const ours = await ourBucket(ms, grain, tz);
          const icu = Number(
            (await conn.runAndReadAll(`SELECT epoch_ms(time_bucket(INTERVAL '${ICU_INTERVAL[grain]}', $1::TIMESTAMPTZ, $2))`, [new Date(ms).toISOString(), tz])).getRowsJS()[0]![0],
          );
          expect(ours).toBe(floorToGrain(ms, grain, tz));
          // ICU picks other wall clocks around offset changes; elsewhere never.
          const stable = offsetAt(ms - 8 * 86_400_000, tz) === offsetAt(ms + 86_400_000, tz);
          // ICU aligns sub-day buckets to its origin (2000-01-03 local) in UTC: the same as local
          // alignment unless the zone's offset then (e.g. Lord Howe summer time) differs from now.
          const icuAligned = grain === 'P1D' || grain === 'P1W' || offsetAt(ICU_ORIGIN, tz) === offsetAt(ms, tz);
          if (stable && icuAligned) expect(ours).toBe(icu);
          expect(ours).toBeLessThanOrEqual(ms);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees with the planner within hours of DST changes, the repeated hour included', async () => {
    const changes = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T10:00:00Z', '2026-11-01T09:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T16:00:00Z'].map(Date.parse);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...changes),
        fc.integer({ min: -36 * 3_600_000, max: 36 * 3_600_000 }),
        fc.constantFrom(...GRAINS),
        fc.constantFrom('Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe', 'America/St_Johns'),
        async (change, delta, grain, tz) => {
          expect(await ourBucket(change + delta, grain, tz)).toBe(floorToGrain(change + delta, grain, tz));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('starts daily buckets at local midnight on both sides of a DST change', async () => {
    const before = await ourBucket(Date.parse('2026-03-28T12:00:00Z'), 'P1D', 'Europe/Berlin');
    const after = await ourBucket(Date.parse('2026-03-30T12:00:00Z'), 'P1D', 'Europe/Berlin');
    expect(new Date(before).toISOString()).toBe('2026-03-27T23:00:00.000Z');
    expect(new Date(after).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    const changeDay = await ourBucket(Date.parse('2026-03-29T12:00:00Z'), 'P1D', 'Europe/Berlin');
    expect(new Date(changeDay).toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });
});
