/**
 * Measures as partial aggregates that merge exactly (sums, counts, min, max; an average or a ratio
 * as its numerator and denominator; on the embedded engine a distinct count as its set of values
 * and a quantile as its list of values), and the answer rebuilt from partial rows: grouped,
 * finished, ordered and limited as the engine would. Used where one answer is made of several
 * reads: a live total's buckets (merged-totals.ts) and a Druid query's tier parts (tier-parts.ts,
 * whose planner offers no distinct count or quantile: Druid's sketches are not value lists).
 */
import type { Measure, Operand } from '@/lib/dashboards/measure';
import type { Dialect } from '@/lib/dashboards/schema';
import type { QuerySpec } from '@/lib/query/spec';
import type { Cell, Row } from '@/lib/sql/cells';
import { MAX_ROWS } from '@/lib/sql/query';
import { quantileCont } from './quantile';

/** How partial values of one column combine across buckets: numbers, or value lists (JSON text) joined as a set or a list. */
type Merge = 'sum' | 'min' | 'max' | 'union' | 'concat';
type Part = { merge: Merge; operand: Operand };
/** One partial, merged: a number (or none), the set of distinct values, or every value. */
export type Merged = number | null | Set<unknown> | number[];
/** A measure as the partial aggregates it is made of, and how the merged partials give its value. */
export type Recipe = { parts: Part[]; finish: (values: Merged[]) => number | null };

/** The spec asked as its measures' partial aggregates (columns part0, part1, …), at most `maxRows` + 1 rows, unordered. */
export function partialSpec(spec: QuerySpec, recipes: Recipe[], maxRows: number): QuerySpec {
  const parts = recipes.flatMap((r) => r.parts);
  return {
    ...spec,
    measures: parts.map((p, i): Measure => ({ id: `part${i}`, label: `part${i}`, format: 'number', approximate: false, aggregate: p.operand })),
    orderBy: [],
    limit: maxRows + 1,
  };
}

/**
 * The spec's rows from partial rows [t, ...dimensions, ...parts]: grouped, finished, ordered and
 * limited as `dialect`'s engine orders them (where NULLs go decides which groups a limit keeps).
 */
export function totals(spec: QuerySpec, recipes: Recipe[], partialRows: Row[], dialect: Dialect): Row[] {
  const merges = recipes.flatMap((r) => r.parts.map((p) => p.merge));
  const keyWidth = 1 + spec.dimensions.length;
  // A table's time column is a key too; a total's buckets merge into one.
  const keyFrom = spec.bucket ? 0 : 1;
  const groups = new Map<string, { key: Cell[]; values: Merged[] }>();
  for (const row of partialRows) {
    const key = row.slice(keyFrom, keyWidth);
    const id = JSON.stringify(key);
    const group = groups.get(id);
    if (!group) groups.set(id, { key, values: merges.map((how, i) => merge(how, empty(how), row, keyWidth + i)) });
    else group.values = group.values.map((v, i) => merge(merges[i]!, v, row, keyWidth + i));
  }
  // A total with no grouping has one row even over no data (a count of 0), as SQL's has.
  if (groups.size === 0 && keyWidth - keyFrom === 0) groups.set('[]', { key: [], values: merges.map(empty) });
  const rows = [...groups.values()].map(({ key, values }) => {
    let at = 0;
    const measures = recipes.map((r) => r.finish(values.slice(at, (at += r.parts.length))));
    return [...key, ...measures] as Row;
  });
  const names = [...(spec.bucket ? ['t'] : []), ...spec.dimensions, ...spec.measures.map((m) => m.id)];
  const order = spec.orderBy.map((o) => ({ index: names.indexOf(o.column), sign: o.dir === 'asc' ? 1 : -1 }));
  const nullsSmallest = dialect === 'druid';
  rows.sort((a, b) => {
    for (const { index, sign } of order) {
      const c = compareCells(a[index]!, b[index]!, sign, nullsSmallest);
      if (c) return c;
    }
    return 0;
  });
  return rows.slice(0, Math.min(spec.limit, MAX_ROWS));
}

function empty(how: Merge): Merged {
  return how === 'union' ? new Set() : how === 'concat' ? [] : null;
}

/** Adds the partial in `row[index]` to what is merged so far (value lists in place). */
function merge(how: Merge, into: Merged, row: Row, index: number): Merged {
  const cell = row[index]!;
  if (cell === null) return into;
  if (how === 'union' || how === 'concat') {
    const values = listAt(row, index);
    if (into instanceof Set) for (const v of values) into.add(v);
    else for (const v of values) (into as unknown[]).push(v);
    return into;
  }
  const b = Number(cell);
  const a = into as number | null;
  if (a === null) return b;
  return how === 'sum' ? a + b : how === 'min' ? Math.min(a, b) : Math.max(a, b);
}

/** Value lists parsed once per row: a live total merges its stored closed buckets again on every refresh. */
const parsedLists = new WeakMap<Row, Map<number, unknown[]>>();

function listAt(row: Row, index: number): unknown[] {
  let lists = parsedLists.get(row);
  if (!lists) parsedLists.set(row, (lists = new Map()));
  let values = lists.get(index);
  // A quantile's list may hold NULLs (a raw column's), which the engine's quantile skips.
  if (!values) lists.set(index, (values = (JSON.parse(String(row[index])) as unknown[]).filter((v) => v !== null)));
  return values;
}

/**
 * An engine's ORDER BY: strings by their UTF-8 bytes (code points); NULLs last in either
 * direction on DuckDB, and on Druid as the smallest value (first ascending, last descending),
 * as its groupBy's comparators place them.
 */
export function compareCells(a: Cell, b: Cell, sign: number, nullsSmallest = false): number {
  if (a === null || b === null) return a === b ? 0 : (a === null ? 1 : -1) * (nullsSmallest ? -sign : 1);
  if (typeof a === 'string' && typeof b === 'string') return sign * Buffer.compare(Buffer.from(a), Buffer.from(b));
  return sign * (Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0);
}

/** Whether a recipe keeps value lists (a distinct count, a quantile): exact on DuckDB, a sketch on Druid. */
export const listsValues = (r: Recipe) => r.parts.some((p) => p.merge === 'union' || p.merge === 'concat');

/** A measure as mergeable partials. */
export function recipe(m: Measure): Recipe {
  const a = m.aggregate;
  if (a.type !== 'ratio') return operandRecipe(a);
  const [num, den] = [operandRecipe(a.numerator), operandRecipe(a.denominator)];
  const split = num.parts.length;
  return {
    parts: [...num.parts, ...den.parts],
    finish: (v) => {
      const [n, d] = [num.finish(v.slice(0, split)), den.finish(v.slice(split))];
      return n === null || d === null || d === 0 ? null : n / d;
    },
  };
}

function operandRecipe(o: Operand): Recipe {
  switch (o.type) {
    case 'count':
      return { parts: [{ merge: 'sum', operand: o }], finish: ([n]) => (n as number | null) ?? 0 };
    case 'sum':
    case 'min':
    case 'max':
      return { parts: [{ merge: o.type, operand: o }], finish: ([v]) => v as number | null };
    case 'avg': {
      // The engine's average is the rolled-up sum over the row count: both merge by summing.
      const rows: Operand = { type: 'count', field: null, p: null, filter: o.filter, stored: { column: null, count: o.stored.count, double: false } };
      return {
        parts: [{ merge: 'sum', operand: { ...o, type: 'sum' } }, { merge: 'sum', operand: rows }],
        finish: ([s, n]) => (s == null || !n ? null : (s as number) / (n as number)),
      };
    }
    // Exact on the embedded engine, as the full query is: the values themselves, not a sketch.
    case 'distinct':
      return { parts: [{ merge: 'union', operand: { ...o, values: true } }], finish: ([set]) => (set as Set<unknown>).size };
    case 'quantile':
      return { parts: [{ merge: 'concat', operand: { ...o, values: true } }], finish: ([list]) => quantileCont(list as number[], o.p!) };
  }
}
