/**
 * Instants ⇄ wall-clock time in the view's zone. Charts draw "wall" milliseconds (the local
 * time read as if it were UTC) because ECharts only knows UTC and the browser's own zone;
 * datetime-local inputs and CSV cells need the same conversion.
 */
import { fromWall, offsetAt } from '@/lib/view/zoned';

export function toWall(ms: number, tz: string): number {
  return ms + offsetAt(ms, tz);
}

/** Value for <input type="datetime-local">: "2026-11-25T14:05". */
export function toInputValue(ms: number, tz: string): string {
  return new Date(toWall(ms, tz)).toISOString().slice(0, 16);
}

/** Parses a datetime-local value in `tz`; null when it is not a complete date and time. */
export function fromInputValue(value: string, tz: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const wall = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(wall) ? null : fromWall(wall, tz);
}

/** ISO 8601 with the zone's offset, e.g. "2026-11-25T15:05:00+01:00", for exports people read. */
export function isoInZone(ms: number, tz: string): string {
  const offsetMin = Math.round(offsetAt(ms, tz) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${new Date(toWall(ms, tz)).toISOString().slice(0, 19)}${offset}`;
}
