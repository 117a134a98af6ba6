import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QueryResponse } from './schemas';
import { applySplice, applyUpdate, panelUpdate, splice, supersedes } from './stream';

const cell = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b'), fc.constant(null));
const rows = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 12 });

const answer = (r: (string | number | null)[][], dataUntil = '2026-12-04T10:00:00.000Z'): QueryResponse => ({
  columns: [
    { name: 't', type: 'time' },
    { name: 'events', type: 'number' },
  ],
  rows: r,
  compare: null,
  meta: { engine: 'embedded', cache: 'miss', ageMs: 0, queryMs: 1, interval: { start: '2026-12-04T09:00:00.000Z', end: '2026-12-04T10:00:00.000Z' }, grain: 'PT1M', dataUntil },
});

describe('splices of rows', () => {
  it('rebuild any next rows from any previous rows', () => {
    fc.assert(
      fc.property(rows, rows, (prev, next) => {
        expect(applySplice(prev, splice(prev, next))).toEqual(next);
      }),
      { numRuns: 2_000, seed: 20261204 },
    );
  });

  it('send only the buckets that changed when a live window moves on', () => {
    // Buckets 1..5, the last one still open; then 2..6 with bucket 5 closed at a new value.
    const prev = [[1, 10], [2, 20], [3, 30], [4, 40], [5, 7]];
    const next = [[2, 20], [3, 30], [4, 40], [5, 50], [6, 3]];
    expect(splice(prev, next)).toEqual({ drop: 1, keep: 3, add: [[5, 50], [6, 3]] });
  });

  it('refuse a splice that does not fit the rows it is applied to', () => {
    expect(() => applySplice([[1, 1]], { drop: 1, keep: 1, add: [] })).toThrow(/does not fit/);
  });
});

describe('panel updates', () => {
  it('rebuild the answer, the compared period, trend and expected range included, from the previous one or from nothing', () => {
    fc.assert(
      fc.property(rows, rows, rows, fc.boolean(), (a, b, c, fromNothing) => {
        const prev = fromNothing ? undefined : answer(a);
        const next: QueryResponse = {
          ...answer(b, '2026-12-04T10:01:00.000Z'),
          compare: { columns: answer(c).columns, rows: c, interval: { start: '2026-12-03T09:00:00.000Z', end: '2026-12-03T10:00:00.000Z' } },
          trend: { columns: answer(c).columns, rows: b },
          expected: { columns: answer(c).columns, rows: c, outside: a },
        };
        const update = panelUpdate('p', prev, next)!;
        expect(applyUpdate(prev, update)).toEqual(next);
      }),
      { numRuns: 1_000, seed: 7 },
    );
  });

  it('are nothing when only how the answer was served changed', () => {
    const a = answer([[1, 2]]);
    expect(panelUpdate('p', a, { ...a, meta: { ...a.meta, cache: 'hit', ageMs: 900, queryMs: 0 } })).toBeNull();
    expect(panelUpdate('p', a, answer([[1, 2]], '2026-12-04T10:00:01.000Z'))).not.toBeNull();
  });

  it('replace a panel’s answer only with newer data, or the same moment told differently', () => {
    const shown = answer([[1, 2]], '2026-12-04T10:00:05.000Z');
    expect(supersedes(answer([[1, 3]], '2026-12-04T10:00:06.000Z'), shown)).toBe(true);
    expect(supersedes(answer([[1, 1]], '2026-12-04T10:00:04.000Z'), shown)).toBe(false);
    expect(supersedes({ ...shown, meta: { ...shown.meta, cache: 'hit', ageMs: 300 } }, shown)).toBe(false);
    expect(supersedes(answer([[1, 9]], '2026-12-04T10:00:05.000Z'), shown)).toBe(true);
  });
});
