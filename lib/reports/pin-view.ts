import { DURATION_MS } from '@/lib/view/time';
import { isRelative, type View } from '@/lib/view/schema';

/**
 * The view a run sends: a relative range ends at the minute the report was due ("the last day"
 * of a daily 08:00 report is 08:00 yesterday to 08:00 today), so a retry an hour later sends the
 * same interval; an absolute range is sent as it is.
 */
export function pinView(view: View, dueAt: number): View {
  if (!isRelative(view.range)) return view;
  const end = Math.floor(dueAt / 60_000) * 60_000;
  return { ...view, range: { start: new Date(end - DURATION_MS[view.range.last]).toISOString(), end: new Date(end).toISOString() } };
}
