import type { SavedView } from '@/lib/contract/workspace';
import { encodeView } from '@/lib/view/codec';

/** The page parameter naming a saved view: `/d/<dashboard>?saved=<id>`. */
export const SAVED_PARAM = 'saved';

export type Picked = {
  /** The view's own parameters, to decode (empty: the dashboard's default view). */
  search: URLSearchParams;
  /** The saved view shown, kept in the address bar so the link names it. */
  savedId: string | null;
  /** The link named a saved view this user cannot open (deleted, or not shared with them). */
  missing: boolean;
};

/**
 * Where a dashboard's view comes from: the URL's own view parameters when it has any, else the
 * saved view it names, else the user's default saved view, else the dashboard's default.
 */
export function pickView(params: URLSearchParams, views: readonly SavedView[] | undefined): Picked {
  const own = new URLSearchParams(params);
  own.delete(SAVED_PARAM);
  const named = params.get(SAVED_PARAM);
  if (own.size > 0 || !views) return { search: own, savedId: named, missing: false };
  const saved = named === null ? views.find((v) => v.isDefault) : views.find((v) => v.id === named);
  if (!saved) return { search: own, savedId: null, missing: named !== null };
  return { search: new URLSearchParams(encodeView(saved.view)), savedId: saved.id, missing: false };
}

/** The address of a view, naming the saved view it came from. */
export function viewAddress(pathname: string, canonical: string, savedId: string | null): string {
  return `${pathname}?${savedId === null ? '' : `${SAVED_PARAM}=${encodeURIComponent(savedId)}&`}${canonical}`;
}
