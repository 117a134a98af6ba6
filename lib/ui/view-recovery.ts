/**
 * A link that cannot be read as it is (hand-edited, truncated, from an older version, or
 * asking more than the dashboard allows) still opens the dashboard: every setting that cannot
 * be used is left out, one at a time, and the rest is kept, which gives the nearest valid view.
 * Each thing left out or changed becomes a notice in words. The URL codec (lib/view/codec.ts)
 * says which parameter is wrong; this decides what to do about it.
 */
import { MAX_BUCKETS } from '@/lib/query/plan';
import { encodeView } from '@/lib/view/codec';
import { FILTER_OPS, isRelative, type View } from '@/lib/view/schema';
import { DURATION_MS, GRAINS, RELATIVE_RANGES, type Grain } from '@/lib/view/time';
import { addLocalDays } from '@/lib/view/zoned';
import { GRAIN_LABELS, RANGE_LABELS } from './labels';
import { grainFits, resolveView, revise, spanMs, type ViewDefaults } from './view-edit';

export type RecoveredView = { view: View; canonical: string; notices: string[] };

type DashboardFacts = { defaultView: ViewDefaults; dimensions: { id: string }[]; maxSpanDays: number };

const quote = (s: string) => `“${s.length > 40 ? `${s.slice(0, 40)}…` : s}”`;

function isFilterKey(key: string): boolean {
  const dot = key.indexOf('.');
  return dot > 0 && (FILTER_OPS as readonly string[]).includes(key.slice(0, dot));
}

/** Takes the offending parameter(s) out of `p` and says, for people, what was left out. */
function leaveOut(p: URLSearchParams, path: string, message: string): string | null {
  const value = p.get(path);
  const drop = (...keys: string[]) => keys.forEach((k) => p.delete(k));
  switch (path) {
    case 'v':
      drop('v');
      return `This link is from another version of Pulseboard (${quote(value ?? '')}); it was read as far as possible.`;
    case 'r':
      // A fixed range whose ends do not parse fails as the range as a whole.
      if (value === null) return leaveOut(p, 'from', message);
      if ((p.has('from') || p.has('to')) && (RELATIVE_RANGES as readonly string[]).includes(value)) {
        drop('from', 'to');
        return 'The link had both a relative and a fixed time range; the relative one is shown.';
      }
      drop('r');
      return `The time range ${quote(value)} is not one this dashboard offers; showing its default range.`;
    case 'from':
    case 'to':
      drop('from', 'to');
      return `The fixed time range could not be used (${message}); showing the default range.`;
    case 'tz':
      drop('tz');
      return `The time zone ${quote(value ?? '')} is unknown; showing your own time zone.`;
    case 'g':
      drop('g');
      return `The bucket size ${quote(value ?? '')} is unknown; it is chosen automatically.`;
    case 'cmp':
      drop('cmp');
      return `The comparison ${quote(value ?? '')} is unknown; nothing is compared.`;
    case 'split':
      drop('split');
      return `This dashboard cannot split by ${quote(value ?? '')}; each panel shows its own split.`;
    case 'n':
      drop('n');
      return `The number of values shown (${quote(value ?? '')}) must be 1 to 50; showing 10.`;
    case 'sort':
      drop('sort');
      return `The sort order ${quote(value ?? '')} could not be used; tables keep their own order.`;
    case 'filters': {
      const keys = [...new Set([...p.keys()].filter(isFilterKey))];
      drop(...keys);
      return `The filters could not be used (${message}); none are applied.`;
    }
    default: {
      if (!p.has(path)) return null;
      drop(path);
      if (!isFilterKey(path)) return `The link setting ${quote(path)} is not one Pulseboard knows; it was left out.`;
      const dim = path.slice(path.indexOf('.') + 1);
      return `This dashboard has no ${quote(dim)} filter; that filter was left out.`;
    }
  }
}

/** The longest span the dashboard shows: a longer range keeps its end and moves its start. */
function withinSpan(view: View, maxSpanDays: number): { view: View; notice: string | null } {
  if (isRelative(view.range)) {
    if (DURATION_MS[view.range.last] <= maxSpanDays * DURATION_MS.P1D) return { view, notice: null };
    const longest = [...RELATIVE_RANGES].reverse().find((r) => DURATION_MS[r] <= maxSpanDays * DURATION_MS.P1D) ?? 'PT15M';
    return {
      view: revise(view, { range: { last: longest } }),
      notice: `This dashboard shows at most ${maxSpanDays} days at once; showing ${RANGE_LABELS[longest].toLowerCase()}.`,
    };
  }
  const end = Date.parse(view.range.end);
  const earliest = addLocalDays(end, -maxSpanDays, view.tz);
  if (Date.parse(view.range.start) >= earliest) return { view, notice: null };
  return {
    view: revise(view, { range: { start: new Date(earliest).toISOString(), end: view.range.end } }),
    notice: `This dashboard shows at most ${maxSpanDays} days at once; showing the last ${maxSpanDays} days of the linked range.`,
  };
}

/** The finest grain that keeps the range within the chart's bucket limit. */
export function coarsestNeeded(range: View['range']): Grain {
  return GRAINS.find((g) => grainFits(g, range)) ?? 'P1W';
}

/** A grain too fine for the range (over MAX_BUCKETS buckets) becomes the finest one that fits. */
export function fittedGrain(view: View): { view: View; notice: string | null } {
  if (view.grain === 'auto' || grainFits(view.grain, view.range)) return { view, notice: null };
  const grain = coarsestNeeded(view.range);
  const days = Math.round(spanMs(view.range) / DURATION_MS.P1D);
  return {
    view: revise(view, { grain }),
    notice:
      `Buckets of ${GRAIN_LABELS[view.grain]} are too fine for ${days > 1 ? `${days} days` : 'this range'} (more than ${MAX_BUCKETS.toLocaleString('en-US')} points); ` +
      `showing buckets of ${GRAIN_LABELS[grain]}.`,
  };
}

const MAX_REPAIRS = 40;

export function recoverView(search: URLSearchParams, dashboard: DashboardFacts, browserTz: string): RecoveredView {
  const p = new URLSearchParams(search);
  const notices: string[] = [];
  for (let i = 0; i < MAX_REPAIRS; i++) {
    const resolved = resolveView(p, dashboard, browserTz);
    if (resolved.ok) {
      const span = withinSpan(resolved.view, dashboard.maxSpanDays);
      const fitted = fittedGrain(span.view);
      for (const n of [span.notice, fitted.notice]) if (n) notices.push(n);
      return { view: fitted.view, canonical: encodeView(fitted.view), notices };
    }
    const before = p.toString();
    const notice = leaveOut(p, resolved.error.path, resolved.error.message);
    // Nothing left to take out: fall back to the default view rather than loop.
    if (notice === null || p.toString() === before) break;
    notices.push(notice);
  }
  // Nothing of it could be read: the dashboard's default view.
  const fallback = resolveView(new URLSearchParams(), dashboard, browserTz);
  if (!fallback.ok) throw new Error(`the default view of a dashboard must be valid: ${fallback.error.message}`);
  return { view: fallback.view, canonical: fallback.canonical!, notices: [...notices, 'This link could not be read; showing the default view.'] };
}
