/**
 * How much each value of a dimension contributed to a measure's change between two periods.
 * Pure. The contributions of all of a dimension's values add up to the change exactly:
 * - a count or sum: the value's own change, now minus before;
 * - a ratio N/D: (ΔNᵢ − r₀·ΔDᵢ) / D₁, where r₀ is the ratio before and D₁ the denominator now.
 *   Summed over values it is (N₁ − r₀·D₁) / D₁ = r₁ − r₀. Its two terms say how much came from
 *   the numerator (more errors) and how much from the denominator (fewer requests).
 */
import type { Decomposition } from '@/lib/query/explain';

/** A value's parts (the measure, or its numerator and denominator) in one period; absent: none. */
export type Parts = readonly number[];

export type Contribution = {
  value: string | null;
  /** The measure for this value in each period (a ratio: its own ratio; null without denominator). */
  now: number | null;
  before: number | null;
  contribution: number;
  /** Of the whole change (null when the whole did not change). */
  share: number | null;
  /** A ratio's contribution split: from its numerator and from its denominator. */
  numerator?: number;
  denominator?: number;
};

export type Change = { now: number | null; before: number | null; delta: number | null };

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

/** The measure's value in each period and its change; null where a ratio has no denominator. */
export function change(decomposition: Decomposition, now: Parts, before: Parts): Change {
  const value = (p: Parts) => (decomposition === 'sum' ? (p[0] ?? 0) : ratio(p[0] ?? 0, p[1] ?? 0));
  const [a, b] = [value(now), value(before)];
  return { now: a, before: b, delta: a === null || b === null ? null : a - b };
}

/**
 * Every value's contribution, largest first (by size, then by value so ties order the same on
 * every engine). Empty when the change itself is undefined (a ratio without denominator).
 */
export function contributions(
  decomposition: Decomposition,
  totals: { now: Parts; before: Parts },
  rows: { now: ReadonlyMap<string | null, Parts>; before: ReadonlyMap<string | null, Parts> },
): Contribution[] {
  const whole = change(decomposition, totals.now, totals.before);
  if (whole.delta === null) return [];
  const r0 = whole.before!;
  const d1 = totals.now[1] ?? 0;
  const share = (c: number) => (whole.delta === 0 ? null : c / whole.delta!);
  const values = new Set([...rows.now.keys(), ...rows.before.keys()]);
  const out = [...values].map((value): Contribution => {
    const now = rows.now.get(value) ?? [0, 0];
    const before = rows.before.get(value) ?? [0, 0];
    const own = change(decomposition, now, before);
    if (decomposition === 'sum') {
      const c = now[0]! - before[0]!;
      return { value, now: own.now, before: own.before, contribution: c, share: share(c) };
    }
    const numerator = (now[0]! - before[0]!) / d1;
    const denominator = (r0 * (before[1]! - now[1]!)) / d1;
    const c = numerator + denominator;
    return { value, now: own.now, before: own.before, contribution: c, share: share(c), numerator, denominator };
  });
  return out.sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution) || String(x.value).localeCompare(String(y.value)));
}
