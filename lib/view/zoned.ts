/**
 * Calendar arithmetic in an IANA time zone with nothing but Intl: bucket boundaries and
 * compare shifts must fall on the viewer's local midnights and hours, across DST changes.
 */
import { DURATION_MS, type Grain } from './time';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/**
 * Offsets already read, by zone and instant. formatToParts is slow (tens of microseconds, more on
 * a phone) and a dashboard asks for the same bucket instants over and over: every series of every
 * panel, on every render. Bounded, as a server asks for ever new instants.
 */
const offsets = new Map<string, Map<number, number>>();
const MAX_OFFSETS_PER_ZONE = 20_000;

/** Milliseconds to add to a UTC instant to get the local wall-clock time in `tz`. */
export function offsetAt(ms: number, tz: string): number {
  let known = offsets.get(tz);
  if (!known) offsets.set(tz, (known = new Map()));
  let offset = known.get(ms);
  if (offset === undefined) {
    if (known.size >= MAX_OFFSETS_PER_ZONE) known.clear();
    known.set(ms, (offset = readOffset(ms, tz)));
  }
  return offset;
}

function readOffset(ms: number, tz: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant of a local wall-clock time (the later instant when a DST gap/overlap makes it ambiguous). */
export function fromWall(wall: number, tz: string): number {
  const guess = wall - offsetAt(wall, tz);
  return wall - offsetAt(guess, tz);
}

/** The local ISO day of week (1 Monday … 7 Sunday) and hour of day (0-23) of an instant in `tz`. */
export function hourOfWeek(ms: number, tz: string): { dow: number; hour: number } {
  const wall = ms + offsetAt(ms, tz);
  // 1970-01-01 was a Thursday, ISO day 4.
  return { dow: ((Math.floor(wall / 86_400_000) + 3) % 7) + 1, hour: Math.floor(wall / 3_600_000) % 24 };
}

const MONDAY_1970_01_05 = 4 * 86_400_000;

/** Start of the bucket of `grain` that holds `ms`, in local time of `tz`. */
export function floorToGrain(ms: number, grain: Grain, tz: string): number {
  const wall = ms + offsetAt(ms, tz);
  const size = DURATION_MS[grain];
  const floored =
    grain === 'P1W'
      ? wall - (((wall - MONDAY_1970_01_05) % size) + size) % size
      : wall - ((wall % size) + size) % size;
  return fromWallAtOrBefore(floored, tz, ms);
}

/**
 * The latest instant at or before `limit` showing wall time `wall`. When clocks fall back an
 * hour repeats, and the bucket that holds `limit` is the one at or before it, not fromWall's
 * later pick (which can even lie after `limit`).
 */
function fromWallAtOrBefore(wall: number, tz: string, limit: number): number {
  const candidates = [wall - offsetAt(limit, tz), fromWall(wall, tz)].filter((c) => c <= limit && c + offsetAt(c, tz) === wall);
  return candidates.length ? Math.max(...candidates) : fromWall(wall, tz);
}

/** Smallest bucket boundary at or after `ms`. */
export function ceilToGrain(ms: number, grain: Grain, tz: string): number {
  const floor = floorToGrain(ms, grain, tz);
  if (floor === ms) return ms;
  // Days and weeks vary in length over DST; half a day of slack always lands in the next bucket.
  const calendar = grain === 'P1D' || grain === 'P1W';
  return calendar ? floorToGrain(floor + DURATION_MS[grain] + 43_200_000, grain, tz) : floor + DURATION_MS[grain];
}

/** Moves an instant by whole local days, keeping the wall-clock time (so P1D over DST is 23 or 25 h). */
export function addLocalDays(ms: number, days: number, tz: string): number {
  return fromWall(ms + offsetAt(ms, tz) + days * 86_400_000, tz);
}

/** A zone's UTC offset from `from` (epoch ms) until the next segment. */
export type OffsetSegment = { from: number; offset: number };

const SAMPLE_MS = 6 * 3_600_000;
const segmentCache = new Map<string, OffsetSegment[]>();

/**
 * The offsets a zone uses over [start, end): the first segment's `from` is `start`, each later
 * one begins at a DST (or rule) change, found to the minute. Lets SQL bucket with integer
 * arithmetic on epoch milliseconds instead of calendar calls per row.
 */
export function offsetSegments(tz: string, start: number, end: number): OffsetSegment[] {
  const key = `${tz}|${start}|${end}`;
  const hit = segmentCache.get(key);
  if (hit) return hit;
  const segments: OffsetSegment[] = [{ from: start, offset: offsetAt(start, tz) }];
  for (let t = start; t < end; t += SAMPLE_MS) {
    const next = Math.min(t + SAMPLE_MS, end);
    const before = segments.at(-1)!.offset;
    if (offsetAt(next, tz) === before) continue;
    // Binary search on whole minutes (zones change offset on a minute) for the first minute of
    // the new offset: a boundary off the minute grid would misplace buckets that start on it.
    let lo = Math.floor(t / 60_000) * 60_000;
    let hi = Math.ceil(next / 60_000) * 60_000;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid, tz) === before) lo = mid;
      else hi = mid;
    }
    segments.push({ from: hi, offset: offsetAt(hi, tz) });
  }
  if (segmentCache.size > 1_000) segmentCache.clear();
  segmentCache.set(key, segments);
  return segments;
}

/**
 * The bucket starts of [start, end) in `tz`: exactly the `t` values the engines bucket rows to
 * (floorToGrain of each instant), the first one at or before `start`. Buckets are not a fixed
 * step across DST changes (a 30-minute change moves hourly buckets), so each next start is
 * the floor of an instant one step on, moved further when a repeated hour floors back.
 */
export function bucketStarts(interval: { start: number; end: number }, grain: Grain, tz: string): number[] {
  const size = DURATION_MS[grain];
  const starts: number[] = [];
  let t = floorToGrain(interval.start, grain, tz);
  while (t < interval.end) {
    starts.push(t);
    let probe = t + size;
    let next = floorToGrain(probe, grain, tz);
    while (next <= t) next = floorToGrain((probe += size / 2), grain, tz);
    t = next;
  }
  return starts;
}
