/**
 * The expected range of a time series (the answer's `expected`, computed on the server from the
 * same hours of the four weeks before) in the line's own units, and its unusual points. Pure.
 */
import type { QueryResponse } from '@/lib/contract/schemas';
import type { Panel } from '@/lib/dashboards/schema';
import type { View } from '@/lib/view/schema';
import type { Grain } from '@/lib/view/time';
import { toRates } from './rate';
import { toNumber, type Point, type Series } from './series';

export type BandPoint = [t: number, low: number | null, high: number | null];
export type UnusualPoint = { t: number; value: number | null; low: number | null; high: number | null };

/** `band` empty: the answer asked for a range but no bucket has enough history for one. */
export type ExpectedRange = { band: BandPoint[]; unusual: UnusualPoint[] };

/**
 * The band per bucket, and the points the server judged outside it, as the chart draws them:
 * counters as rates like the line (rate.ts). The weeks before were whole, so a bucket still
 * filling is divided by its full length: its band is the expected pace, comparable with the
 * line's rate so far.
 */
export function expectedRange(
  data: Pick<QueryResponse, 'expected'>,
  line: Series | undefined,
  coverage: { interval: { start: number; end: number }; grain: Grain; tz: string; rate: boolean },
): ExpectedRange | null {
  if (!data.expected) return null;
  const rows = data.expected.rows;
  const bounds: Series[] = [1, 3].map((column) => ({ key: String(column), points: rows.map((r): Point => [Number(r[0]), toNumber(r[column])]), total: 0 }));
  const [low, high] = coverage.rate ? toRates(bounds, { ...coverage, dataUntil: null }) : bounds;
  const band = low!.points.map(([t, l], i): BandPoint => [t, l, high!.points[i]![1]]);
  const bandAt = new Map(band.map((b) => [b[0], b]));
  const valueAt = new Map(line?.points ?? []);
  const unusual = data.expected.outside.map(([cell]): UnusualPoint => {
    const t = Number(cell);
    const b = bandAt.get(t);
    return { t, value: valueAt.get(t) ?? null, low: b?.[1] ?? null, high: b?.[2] ?? null };
  });
  return { band, unusual };
}

/**
 * What a panel's request says about the expected range in a view: `on` for a time series drawn
 * as one line (no split), nothing for others (the server refuses a range around a split).
 */
export function expectedAsk(panel: Panel, view: View, on: boolean): boolean | undefined {
  if (panel.type !== 'timeseries') return undefined;
  const split = view.split === undefined ? panel.split : view.split;
  return split ? undefined : on;
}

/** A panel's expected range is on until its reader turns it off where the dashboard says so. */
export const expectedByDefault = (panel: Panel): boolean => panel.type === 'timeseries' && panel.expected === true;
