import { createHash } from 'node:crypto';
import type { Interval } from '@/lib/query/spec';
import type { View } from '@/lib/view/schema';
import type { Grain } from '@/lib/view/time';

/**
 * The cache key of an answer: tenant first, then everything that changes the SQL except the
 * range, which enters as the interval the caller passes (the grain-aligned one, or none for a
 * live panel whose entry follows its moving window); filters and values are sorted so
 * equivalent views share an entry.
 */
export function cacheKey(parts: {
  engine: string;
  tenant: string;
  scope: string;
  view: View;
  interval: Interval;
  grain: Grain;
}): string {
  const { view } = parts;
  const filters = [...view.filters]
    .map((f) => [f.dim, f.op, [...f.values].sort()] as const)
    .sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : a[0] + a[1] > b[0] + b[1] ? 1 : 0));
  const canonical = JSON.stringify([
    parts.scope,
    parts.interval.start,
    parts.interval.end,
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
