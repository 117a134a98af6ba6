import { createHash } from 'node:crypto';
import type { Interval } from '@/lib/query/spec';
import type { View } from '@/lib/view/schema';
import type { Grain, RelativeRange } from '@/lib/view/time';

type KeyParts = { engine: string; tenant: string; scope: string; view: View; grain: Grain };

/**
 * The cache key of an answer: tenant first, then everything that changes the SQL. The range
 * enters as the `window` the caller passes: the resolved interval, or the relative preset of a
 * live view, whose one entry follows its moving window (never another preset's). Filters and
 * values are sorted so equivalent views share an entry.
 */
export function cacheKey(parts: KeyParts & { window: Interval | { last: RelativeRange } }): string {
  const window = 'last' in parts.window ? [parts.window.last] : [parts.window.start, parts.window.end];
  return digestKey(parts, ['answer', ...window]);
}

/**
 * A time series' identity whatever its range: the closed buckets of one view stay valid for the
 * next range that asks for them (the bucket store checks the bucket boundaries itself).
 */
export function seriesKey(parts: KeyParts): string {
  return digestKey(parts, ['series']);
}

function digestKey(parts: KeyParts, window: (string | number)[]): string {
  const { view } = parts;
  const filters = view.filters.map((f) => JSON.stringify([f.dim, f.op, [...f.values].sort()])).sort();
  const canonical = JSON.stringify([
    parts.scope,
    ...window,
    parts.grain,
    view.tz,
    view.compare,
    view.split === undefined ? '~' : view.split,
    view.limit,
    view.sort ?? null,
    filters,
  ]);
  const digest = createHash('sha256').update(canonical).digest('base64url').slice(0, 32);
  // The tenant stays readable and outside the digest: two tenants can never share a key.
  return `${parts.engine}:${parts.tenant}:${digest}`;
}
