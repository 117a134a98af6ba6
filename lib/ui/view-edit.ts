/**
 * Every change the UI makes to a view, as a pure function returning a new view (the
 * explore-state idea from Druid's console). Results go through ViewSchema so they are
 * normalized exactly as the URL codec and the API would normalize them.
 */
import { MAX_BUCKETS, bucketCount } from '@/lib/query/plan';
import { decodeView, encodeView, type DecodeResult } from '@/lib/view/codec';
import { LIMITS, ViewSchema, isRelative, type Filter, type Range, type View } from '@/lib/view/schema';
import { DURATION_MS, type Grain } from '@/lib/view/time';

export type ViewDefaults = Pick<View, 'grain' | 'compare'> & { range: { last: Extract<Range, { last: string }>['last'] } };
export type FilterOp = Filter['op'];

/** Any change of scalar settings (zone, grain, compare), normalized like every other view. */
export function revise(view: View, patch: Partial<View>): View {
  return ViewSchema.parse({ ...view, ...patch });
}

/**
 * The view a page URL stands for. A URL without `v` is a bare link (a dashboard switch, a
 * bookmark of /d/<id>): what it leaves out comes from the dashboard's defaults and the
 * viewer's time zone. Names the dashboard does not have are refused here, once, rather than
 * by every panel's query. `canonical` is the full query string to write back into the address bar.
 */
export function resolveView(
  search: URLSearchParams,
  dashboard: { defaultView: ViewDefaults; dimensions: { id: string }[] },
  browserTz: string,
): DecodeResult & { canonical?: string } {
  const defaults = dashboard.defaultView;
  const decoded = decodeView(search, { tz: browserTz, range: defaults.range });
  if (!decoded.ok) return decoded;
  const dims = new Set(dashboard.dimensions.map((d) => d.id));
  const unknown = decoded.view.filters.find((f) => !dims.has(f.dim));
  if (unknown) return { ok: false, error: { message: `this dashboard has no dimension ${unknown.dim}`, path: `${unknown.op}.${unknown.dim}` } };
  if (decoded.view.split && !dims.has(decoded.view.split)) {
    return { ok: false, error: { message: `this dashboard has no dimension ${decoded.view.split}`, path: 'split' } };
  }
  const bare = !search.has('v');
  const view = bare
    ? revise(decoded.view, {
        grain: search.has('g') ? decoded.view.grain : defaults.grain,
        compare: search.has('cmp') ? decoded.view.compare : defaults.compare,
      })
    : decoded.view;
  return { ok: true, view, canonical: encodeView(view) };
}

export function spanMs(range: Range): number {
  return isRelative(range) ? DURATION_MS[range.last] : Date.parse(range.end) - Date.parse(range.start);
}

/** Whether a fixed grain keeps the chart within the server's bucket limit for this range. */
export function grainFits(grain: Grain, range: Range): boolean {
  return bucketCount(spanMs(range), grain) <= MAX_BUCKETS;
}

/** A new range keeps the chosen grain when it still fits, and falls back to auto otherwise. */
export function withRange(view: View, range: Range): View {
  const grain = view.grain !== 'auto' && !grainFits(view.grain, range) ? 'auto' : view.grain;
  return revise(view, { range, grain });
}

export function pinnedView(view: View, interval: { start: string; end: string }): View {
  return withRange(view, { start: interval.start, end: interval.end });
}

/** Whether one more (dimension, operator) filter fits in a view. */
export function canAddFilter(view: View, dim: string, op: FilterOp): boolean {
  return view.filters.length < LIMITS.filters || view.filters.some((f) => f.dim === dim && f.op === op);
}

/**
 * Sets the values of one (dimension, operator) filter; no values removes it. Past the view's
 * limits (filters, values per filter) the view stays as it is: the UI disables what would
 * overflow, this keeps any other path from producing a view the API refuses.
 */
export function withFilter(view: View, dim: string, op: FilterOp, values: string[]): View {
  const index = view.filters.findIndex((f) => f.dim === dim && f.op === op);
  const others = view.filters.filter((_, i) => i !== index);
  if (values.length === 0) return revise(view, { filters: others });
  if (!canAddFilter(view, dim, op) || values.length > LIMITS.valuesPerFilter) return view;
  const filters = [...view.filters];
  if (index < 0) filters.push({ dim, op, values });
  else filters[index] = { dim, op, values };
  return revise(view, { filters });
}

/**
 * Drill-down: keep only rows with this value. Drops the value from a `not_in` of the same
 * dimension, which would otherwise contradict the new filter.
 */
export function withDrillDown(view: View, dim: string, value: string): View {
  const excluded = view.filters.find((f) => f.dim === dim && f.op === 'not_in');
  const cleaned = excluded ? withFilter(view, dim, 'not_in', excluded.values.filter((v) => v !== value)) : view;
  const included = cleaned.filters.find((f) => f.dim === dim && f.op === 'in');
  return withFilter(cleaned, dim, 'in', [...(included?.values ?? []), value]);
}

/** Clear all: the dashboard's defaults again, in the viewer's chosen zone. */
export function clearedView(view: View, defaults: ViewDefaults): View {
  return ViewSchema.parse({ range: defaults.range, grain: defaults.grain, compare: defaults.compare, tz: view.tz });
}

/** Clicking a sortable header: descending first (biggest on top), a second click flips it. */
export function withSort(view: View, by: string): View {
  const dir = view.sort?.by === by && view.sort.dir === 'desc' ? 'asc' : 'desc';
  return revise(view, { sort: { by, dir } });
}

/** Context on both sides of a moment, so it is seen against what came before it (as an alert's link does). */
const BEFORE_MOMENT_MS = 2 * 3_600_000;
const AFTER_MOMENT_MS = 3_600_000;

/** The view around one bucket (an unusual point), compared with the week before, at the grain that suits those hours. */
export function aroundMoment(view: View, bucket: { start: number; end: number }): View {
  const range = { start: new Date(bucket.start - BEFORE_MOMENT_MS).toISOString(), end: new Date(bucket.end + AFTER_MOMENT_MS).toISOString() };
  return revise(view, { range, grain: 'auto', compare: 'P1W' });
}
