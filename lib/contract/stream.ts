/**
 * GET /api/stream: a dashboard's answers pushed as they change (Server-Sent Events). Each `panel`
 * event carries what changed in one panel's answer since the stream's previous event: the rows
 * as a splice (drop this many from the head, keep this many, append these), so a live window that
 * moved on by one bucket sends that bucket and the one that was still open, not the whole series.
 * Pure: the server makes updates with `panelUpdate`, the browser applies them with `applyUpdate`.
 */
import { z } from 'zod';
import { QueryResponseSchema, type QueryResponse } from './schemas';

/** The stream's own parameter; the rest of the query string is the view, as the page URL writes it (lib/view/codec.ts). */
export const StreamParamsSchema = z.looseObject({
  dashboard: z.string().min(1).max(64).describe('Dashboard id, as listed by GET /api/dashboards.'),
});

type Cell = string | number | boolean | null;
type Row = Cell[];

/** next = prev.slice(drop, drop + keep).concat(add) */
export const SpliceSchema = z.object({
  drop: z.number().int().min(0).describe('Rows removed from the head (buckets the window left).'),
  keep: z.number().int().min(0).describe('Rows kept after them, unchanged.'),
  add: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))).describe('Rows appended after the kept ones (changed and new buckets).'),
});
export type Splice = z.infer<typeof SpliceSchema>;

const Answer = QueryResponseSchema.shape;

export const PanelUpdateSchema = z.object({
  panel: z.string().describe('The panel whose answer changed.'),
  columns: Answer.columns,
  rows: SpliceSchema,
  compare: z.object({ columns: Answer.columns, interval: z.object({ start: z.string(), end: z.string() }), rows: SpliceSchema }).nullable(),
  trend: z.object({ columns: Answer.columns, rows: SpliceSchema }).optional(),
  expected: z.object({ columns: Answer.columns, rows: SpliceSchema, outside: SpliceSchema }).optional().describe('The expected range, when the panel draws one: its bands and unusual points as splices.'),
  meta: Answer.meta,
});
export type PanelUpdate = z.infer<typeof PanelUpdateSchema>;

const sameRow = (a: Row, b: Row) => a.length === b.length && a.every((c, i) => c === b[i]);

/**
 * The splice from prev to next: next's first row found in prev (the window moved on past the rows
 * before it), as many rows after it as stay equal, then the rest of next. Exact for any rows; small
 * when rows only leave at the head and change or arrive at the tail, as a live time series does.
 */
export function splice(prev: readonly Row[], next: readonly Row[]): Splice {
  const first = next.length ? prev.findIndex((r) => sameRow(r, next[0]!)) : -1;
  const drop = first < 0 ? prev.length : first;
  let keep = 0;
  while (keep < next.length && drop + keep < prev.length && sameRow(prev[drop + keep]!, next[keep]!)) keep++;
  return { drop, keep, add: next.slice(keep) };
}

export function applySplice(prev: readonly Row[], s: Splice): Row[] {
  if (s.drop + s.keep > prev.length) throw new Error(`a splice of ${s.drop} + ${s.keep} rows does not fit ${prev.length}`);
  return [...prev.slice(s.drop, s.drop + s.keep), ...s.add];
}

/** What an update is about: the data and where it ends, not how it was served (cache, age, time taken). */
const substance = (a: QueryResponse) => JSON.stringify([a.columns, a.rows, a.compare, a.trend, a.expected, a.meta.interval, a.meta.dataUntil]);

/** What changed from prev (undefined: the receiver has nothing yet) to next; null when nothing did. */
export function panelUpdate(panel: string, prev: QueryResponse | undefined, next: QueryResponse): PanelUpdate | null {
  if (prev && substance(prev) === substance(next)) return null;
  return {
    panel,
    columns: next.columns,
    rows: splice(prev?.rows ?? [], next.rows),
    compare: next.compare && { columns: next.compare.columns, interval: next.compare.interval, rows: splice(prev?.compare?.rows ?? [], next.compare.rows) },
    ...(next.trend ? { trend: { columns: next.trend.columns, rows: splice(prev?.trend?.rows ?? [], next.trend.rows) } } : {}),
    ...(next.expected
      ? { expected: { columns: next.expected.columns, rows: splice(prev?.expected?.rows ?? [], next.expected.rows), outside: splice(prev?.expected?.outside ?? [], next.expected.outside) } }
      : {}),
    meta: next.meta,
  };
}

/**
 * Whether a pushed answer should replace the one a panel shows: its data ends later, or it ends at the
 * same moment and differs. The panel's own request may have answered since the stream's state was made,
 * and a chart redrawn with the same numbers costs the page work for nothing.
 */
export function supersedes(next: QueryResponse, current: QueryResponse): boolean {
  const n = Date.parse(next.meta.dataUntil ?? '');
  const c = Date.parse(current.meta.dataUntil ?? '');
  if (n !== c) return !(n < c);
  return substance(next) !== substance(current);
}

/** The answer after an update: equal to the server's, given the answer its previous update made. */
export function applyUpdate(prev: QueryResponse | undefined, u: PanelUpdate): QueryResponse {
  return {
    columns: u.columns,
    rows: applySplice(prev?.rows ?? [], u.rows),
    compare: u.compare && { columns: u.compare.columns, interval: u.compare.interval, rows: applySplice(prev?.compare?.rows ?? [], u.compare.rows) },
    ...(u.trend ? { trend: { columns: u.trend.columns, rows: applySplice(prev?.trend?.rows ?? [], u.trend.rows) } } : {}),
    ...(u.expected
      ? { expected: { columns: u.expected.columns, rows: applySplice(prev?.expected?.rows ?? [], u.expected.rows), outside: applySplice(prev?.expected?.outside ?? [], u.expected.outside) } }
      : {}),
    meta: u.meta,
  };
}
