/**
 * The order merged rows are re-ranked in (compareCells) against DuckDB's own ORDER BY over the same
 * rows (seeded): which groups a merged top-N keeps depends on where NULLs and ties go. Druid's
 * order is checked against a real Druid in the stack suite (lib/engines/real-stack.stack.test.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import type { Row } from '@/lib/sql/cells';
import { compareCells } from './partials';

let engine: EmbeddedEngine;
beforeAll(async () => {
  engine = await EmbeddedEngine.create({ threads: 1 });
}, 60_000);
afterAll(() => engine?.close());

type Dir = 'asc' | 'desc';

/** Rows [d, m] sorted by DuckDB: ORDER BY m, d with the given directions (no NULLS FIRST/LAST: the engine's default). */
async function duckdbOrder(rows: Row[], dirs: [Dir, Dir]): Promise<Row[]> {
  const sql = `SELECT d, m FROM (SELECT unnest(CAST(CAST(? AS JSON) AS STRUCT(d VARCHAR, m DOUBLE)[]), recursive := true)) ORDER BY m ${dirs[0]}, d ${dirs[1]}`;
  const json = JSON.stringify(rows.map(([d, m]) => ({ d, m })));
  return engine.query({ sql, params: [{ type: 'VARCHAR', value: json }] }, { timeoutMs: 10_000, queryId: 'order', tz: 'UTC' });
}

const sign = (d: Dir) => (d === 'asc' ? 1 : -1);

describe('compareCells', () => {
  it('orders as DuckDB does: NULLs last either way, strings by code point, numbers by value', async () => {
    // Unique d per row: the order is then total, so a sorted list has one right answer.
    const rows = fc.uniqueArray(fc.tuple(fc.option(fc.constantFrom('a', 'B', 'b', 'é', 'z', 'Other', '10', '9', 'ä', '😀')), fc.option(fc.constantFrom(-1, 0, 0.5, 2, 1e9))), {
      maxLength: 12,
      selector: ([d]) => d,
    });
    const dirs = fc.tuple(fc.constantFrom<Dir>('asc', 'desc'), fc.constantFrom<Dir>('asc', 'desc'));
    await fc.assert(
      fc.asyncProperty(rows, dirs, async (given, [dm, dd]) => {
        const ours = [...given].sort((a, b) => compareCells(a[1], b[1], sign(dm)) || compareCells(a[0], b[0], sign(dd)));
        expect(ours).toEqual(await duckdbOrder(given, [dm, dd]));
      }),
      { numRuns: 200, seed: 20261205 },
    );
  }, 120_000);

  it('puts NULLs as the smallest value where asked (Druid): first ascending, last descending', () => {
    const cells = ['b', null, 'a'];
    expect([...cells].sort((a, b) => compareCells(a, b, 1, true))).toEqual([null, 'a', 'b']);
    expect([...cells].sort((a, b) => compareCells(a, b, -1, true))).toEqual(['b', 'a', null]);
    expect([...cells].sort((a, b) => compareCells(a, b, -1))).toEqual(['b', 'a', null]);
    expect([...cells].sort((a, b) => compareCells(a, b, 1))).toEqual(['a', 'b', null]);
  });
});
