/**
 * quantileCont against DuckDB's own quantile_cont over the same values (seeded): a live quantile
 * merged from value lists must equal the one the engine computes over the whole range, bit for bit.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import { quantileCont } from './quantile';

let engine: EmbeddedEngine;
beforeAll(async () => {
  engine = await EmbeddedEngine.create({ threads: 1 });
}, 60_000);
afterAll(() => engine?.close());

/** DuckDB's answer, with the values sent as JSON (parsed to the same doubles) and p written into the SQL as the compiler writes it. */
async function duckdb(values: number[], p: number, type: 'DOUBLE' | 'BIGINT'): Promise<unknown> {
  const sql = `SELECT list_aggregate(CAST(CAST(? AS JSON) AS ${type}[]), 'quantile_cont', ${p}) AS q`;
  const [row] = await engine.query({ sql, params: [{ type: 'VARCHAR', value: JSON.stringify(values) }] }, { timeoutMs: 10_000, queryId: 'quantile', tz: 'UTC' });
  return row![0];
}

const zero = (v: number | null) => (v === 0 ? 0 : v);

describe('quantileCont', () => {
  it('equals DuckDB quantile_cont exactly over seeded lists of doubles', async () => {
    const value = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -50, max: 50 }), fc.constantFrom(0, 0.1, 0.2, 0.3, 1e-300));
    const p = fc.oneof(fc.constantFrom(0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999), fc.integer({ min: 1, max: 999 }).map((n) => n / 1000));
    await fc.assert(
      fc.asyncProperty(fc.array(value, { maxLength: 300 }), p, async (values, q) => {
        // JSON carries −0 as 0 to DuckDB; the API writes both as 0.
        expect(zero(quantileCont([...values], q))).toBe(await duckdb(values, q, 'DOUBLE'));
      }),
      { numRuns: 300, seed: 20261205 },
    );
  }, 120_000);

  // A datasource without rollup keeps its raw integer fields: their quantiles interpolate too.
  it('equals DuckDB quantile_cont exactly over seeded lists of integers', async () => {
    const p = fc.integer({ min: 1, max: 999 }).map((n) => n / 1000);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -1e12, max: 1e12 }), { maxLength: 60 }), p, async (values, q) => {
        expect(quantileCont([...values], q)).toBe(await duckdb(values, q, 'BIGINT'));
      }),
      { numRuns: 200, seed: 20261206 },
    );
  }, 120_000);

  it('is null over no values', () => {
    expect(quantileCont([], 0.5)).toBeNull();
  });
});
