import { fromWall, offsetAt } from './zoned';

const DAY_MS = 86_400_000;

/** A daily or weekly time in a zone: `weekday` is the ISO day (1 Monday … 7 Sunday) of a weekly one. */
export type Recurrence = { every: 'day' | 'week'; weekday: number | null; atMinute: number; tz: string };

/** ISO day of week of a local wall-clock day (ms since the epoch, as if UTC). 1970-01-01 was a Thursday. */
const isoDay = (wall: number): number => ((Math.floor(wall / DAY_MS) + 3) % 7) + 1;

/**
 * The first time strictly after `after` at which the recurrence is due: the wall-clock time
 * `atMinute` on a matching local day. A wall time that a DST change skips or repeats is read as
 * fromWall reads it (one instant a day either way), so a report is never sent twice in a day.
 */
export function nextOccurrence(r: Recurrence, after: number): number {
  const today = Math.floor((after + offsetAt(after, r.tz)) / DAY_MS) * DAY_MS;
  // Eight local days always hold a later match of a weekly recurrence, even past a DST change.
  for (let d = 0; d <= 8; d++) {
    const wall = today + d * DAY_MS + r.atMinute * 60_000;
    if (r.every === 'week' && isoDay(wall) !== r.weekday) continue;
    const at = fromWall(wall, r.tz);
    if (at > after) return at;
  }
  throw new Error('unreachable: no occurrence within eight days');
}
