import type { Filter, View } from './schema';

/** One spelling per filter (values sorted), to compare filters and key answers by them. */
export const filterKey = (f: Filter): string => JSON.stringify([f.dim, f.op, [...f.values].sort()]);

/**
 * The view an embed token's viewer is answered with: the request's filters AND every locked
 * filter, verbatim. Locked filters are appended after the view was normalized, never merged into
 * the request's own (dim, op) filters (a merge unions values and would widen them); every filter
 * becomes its own condition in the WHERE clause, so nothing a request says can remove or widen
 * a locked one. A request filter identical to a locked one is left out of the list once.
 */
export function bindLocked(view: View, locked: readonly Filter[]): View {
  if (locked.length === 0) return view;
  const lockedKeys = new Set(locked.map(filterKey));
  return { ...view, filters: [...view.filters.filter((f) => !lockedKeys.has(filterKey(f))), ...locked] };
}
