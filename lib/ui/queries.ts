/** TanStack Query options per API read: one place owns each query key and its freshness rules. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AlertsResponse } from '@/lib/contract/alerts';
import type { Annotation } from '@/lib/contract/annotations';
import type { ExplainResponse } from '@/lib/contract/explain';
import type { RowsResponse } from '@/lib/contract/rows';
import type { QueryResponse, ValuesResponse } from '@/lib/contract/schemas';
import type { SavedView } from '@/lib/contract/workspace';
import { isRelative, type View } from '@/lib/view/schema';
import { apiFetch } from './api';
import type { RowsTarget } from './rows';

/** Relative ranges follow the live data at this pace. */
export const LIVE_REFRESH_MS = 10_000;

export type SavedViews = { views: SavedView[] };

const sameView = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a.slice(0, 4)) === JSON.stringify(b.slice(0, 4));

/**
 * `poll`: a live relative view asks again every LIVE_REFRESH_MS (not while updates are pushed to it).
 * `expected`: ask for the expected range (on or off); absent for panels that cannot draw one (expected-range.ts).
 */
export function panelQuery(dashboard: string, panel: string, view: View, poll: boolean, expected?: boolean) {
  const relative = isRelative(view.range);
  const asked = expected === undefined ? {} : { expected };
  const queryKey = ['panel', dashboard, panel, view, asked] as const;
  return queryOptions({
    queryKey,
    // The signal cancels the request (and the server's engine query) when the view moves on.
    queryFn: ({ signal }) => apiFetch<QueryResponse>('/api/query', { body: { dashboard, panel, view, ...asked }, signal }),
    // A pinned interval never changes, so it never needs asking again.
    staleTime: relative ? LIVE_REFRESH_MS / 2 : Infinity,
    refetchInterval: poll && relative ? LIVE_REFRESH_MS : false,
    // Paused, or kept current by pushed updates: coming back to the tab asks nothing.
    refetchOnWindowFocus: poll && relative,
    // No placeholder from the view before: a panel never shows one view's numbers under
    // another view's controls. It shows its skeleton (same size) until its own answer arrives.
    // Only the expected range turned on or off keeps the same view's answer until the new one comes
    // (the panel, and the toggle that has the focus, stay).
    placeholderData: (previous, previousQuery) => (previousQuery && sameView(previousQuery.queryKey, queryKey) ? previous : undefined),
  });
}

export function valuesQuery(dashboard: string, dim: string, search: string, view: View) {
  return queryOptions({
    queryKey: ['values', dashboard, dim, search, view] as const,
    queryFn: ({ signal }) => apiFetch<ValuesResponse>('/api/values', { body: { dashboard, dim, search, view }, signal }),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}


/** The tenant's alerts of the last day with their states, for the header's badge and the inbox; polled like live panels. */
export function alertsQuery(tz: string) {
  return queryOptions({
    queryKey: ['alerts', tz] as const,
    queryFn: ({ signal }) => apiFetch<AlertsResponse>(`/api/alerts?tz=${encodeURIComponent(tz)}`, { signal }),
    staleTime: LIVE_REFRESH_MS,
    refetchInterval: 3 * LIVE_REFRESH_MS,
  });
}

/** Your saved views of a dashboard and the shared ones (not for embedded dashboards: an embed token has none). */
export function savedViewsQuery(dashboard: string) {
  return queryOptions({
    queryKey: ['views', dashboard] as const,
    queryFn: ({ signal }) => apiFetch<SavedViews>(`/api/views?dashboard=${encodeURIComponent(dashboard)}`, { signal }),
    staleTime: 30_000,
  });
}

/** "What changed?" for a panel's measure in a view: asked when the dialog opens, kept while the view stays. */
export function explainQuery(dashboard: string, panel: string, measure: string, view: View) {
  return queryOptions({
    queryKey: ['explain', dashboard, panel, measure, view] as const,
    queryFn: ({ signal }) => apiFetch<ExplainResponse>('/api/explain', { body: { dashboard, panel, measure, view }, signal }),
    staleTime: LIVE_REFRESH_MS,
  });
}

/** A page of the stored rows behind a panel, a bucket or values: asked while the rows dialog is open; the page before stays on screen while the next loads. */
export function rowsQuery(dashboard: string, panel: string, view: View, at: RowsTarget['at'], page: number, pageSize: number) {
  return queryOptions({
    queryKey: ['rows', dashboard, panel, view, at ?? null, page, pageSize] as const,
    queryFn: ({ signal }) => apiFetch<RowsResponse>('/api/rows', { body: { dashboard, panel, view, ...(at ? { at } : {}), page, pageSize }, signal }),
    staleTime: LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

const HOUR_MS = 3_600_000;

/**
 * The annotations (notes and alerts) of a dashboard around a panel's interval. The interval is
 * widened to whole hours, so a live view's panels share one answer while their window moves on.
 */
export function annotationsQuery(dashboard: string, interval: { start: number; end: number }, tz: string) {
  const from = new Date(Math.floor(interval.start / HOUR_MS) * HOUR_MS).toISOString();
  const to = new Date(Math.ceil((interval.end + 1) / HOUR_MS) * HOUR_MS).toISOString();
  return queryOptions({
    queryKey: ['annotations', dashboard, from, to, tz] as const,
    queryFn: ({ signal }) => apiFetch<{ annotations: Annotation[] }>(`/api/annotations?${new URLSearchParams({ dashboard, from, to, tz })}`, { signal }),
    staleTime: 30_000,
    refetchInterval: 3 * LIVE_REFRESH_MS,
  });
}

/** Every annotations answer, to refresh after one is added or deleted. */
export const ANNOTATIONS_KEY = ['annotations'] as const;
