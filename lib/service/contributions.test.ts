import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { change, contributions, type Parts } from './contributions';

/** Rows of a dimension and their totals, as the engine answers them (the totals are the rows' sums). */
function world(rows: [string | null, Parts, Parts][], width: number) {
  const sum = (k: 1 | 2) => Array.from({ length: width }, (_, i) => rows.reduce((acc, r) => acc + (r[k][i] ?? 0), 0));
  const present = (k: 1 | 2) => new Map(rows.filter((r) => r[k].some((x) => x !== 0)).map((r) => [r[0], r[k]]));
  return { totals: { now: sum(1), before: sum(2) }, rows: { now: present(1), before: present(2) } };
}

const value = fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { nil: null });
const count = fc.integer({ min: 0, max: 1_000_000 });

describe('contributions to a change', () => {
  it('of a count or sum add up to the change, each its own now minus before (property, shrinking)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(value, count, count), { selector: (r) => r[0], maxLength: 7 }), (raw) => {
        const w = world(raw.map(([v, a, b]) => [v, [a], [b]]), 1);
        const all = contributions('sum', w.totals, w.rows);
        const sum = all.reduce((acc, c) => acc + c.contribution, 0);
        expect(sum).toBeCloseTo(change('sum', w.totals.now, w.totals.before).delta!, 6);
        for (const c of all) expect(c.contribution).toBe((c.now ?? 0) - (c.before ?? 0));
      }),
    );
  });

  it('of a ratio add up to the ratio’s change, and split into numerator and denominator terms (property, shrinking)', () => {
    // Each value's numerator is at most its denominator (errors of requests); the denominators are never all zero.
    const row = fc.tuple(value, count, count, count, count).map(([v, n1, d1, n0, d0]) => [v, [Math.min(n1, d1), d1 + 1], [Math.min(n0, d0), d0 + 1]] as [string | null, Parts, Parts]);
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r[0], minLength: 1, maxLength: 7 }), (rows) => {
        const w = world(rows, 2);
        const whole = change('ratio', w.totals.now, w.totals.before);
        const all = contributions('ratio', w.totals, w.rows);
        expect(all.reduce((acc, c) => acc + c.contribution, 0)).toBeCloseTo(whole.delta!, 9);
        for (const c of all) expect(c.numerator! + c.denominator!).toBeCloseTo(c.contribution, 12);
        if (whole.delta === 0) expect(all.every((c) => c.share === null)).toBe(true);
        // (Shares of a change near rounding error are rounding error themselves.)
        else if (Math.abs(whole.delta!) > 1e-9) expect(all.reduce((acc, c) => acc + c.share!, 0)).toBeCloseTo(1, 6);
      }),
    );
  });

  it('rank the largest change first, whichever its sign, ties by value', () => {
    const w = world([['a', [10], [12]], ['b', [50], [10]], ['c', [0], [45]], ['d', [7], [5]], ['e', [7], [5]]], 1);
    const all = contributions('sum', w.totals, w.rows);
    expect(all.map((c) => [c.value, c.contribution])).toEqual([['c', -45], ['b', 40], ['a', -2], ['d', 2], ['e', 2]]);
    // The whole fell by 3 (77 → 74): c's fall is fifteen times it, offset by b's rise.
    expect(all[0]!.share).toBeCloseTo(-45 / -3);
  });

  it('of a ratio name where it came from: more errors, or fewer requests', () => {
    // Error rate 1% → 2%: eu doubled its errors at the same traffic; us kept its errors on half the traffic.
    const w = world([['eu', [20, 1000], [10, 1000]], ['us', [10, 500], [10, 1000]]], 2);
    expect(change('ratio', w.totals.now, w.totals.before)).toEqual({ now: 30 / 1500, before: 20 / 2000, delta: 30 / 1500 - 0.01 });
    const [eu, us] = contributions('ratio', w.totals, w.rows).sort((a, b) => String(a.value).localeCompare(String(b.value)));
    expect(eu).toMatchObject({ value: 'eu', now: 0.02, before: 0.01, numerator: 10 / 1500, denominator: 0 });
    expect(us!.numerator).toBe(0);
    expect(us!.denominator).toBeCloseTo((0.01 * 500) / 1500, 12);
  });

  it('are none when the ratio has no value in a period (no denominator)', () => {
    const w = world([['a', [1, 10], [0, 0]]], 2);
    expect(change('ratio', w.totals.now, w.totals.before).delta).toBeNull();
    expect(contributions('ratio', w.totals, w.rows)).toEqual([]);
  });
});
