/**
 * A heatmap answer ([dow, hour, value] rows: ISO day of week 1-7, local hour 0-23) as a grid of
 * seven weekday rows, Monday first, by 24 hours. A cell the answer lacks was outside the range
 * (no value, not 0: the server already answers 0 for covered empty cells of a count). Shades
 * are linear from 0 to the busiest cell, so the same grid always reads the same.
 */
import type { QueryResponse } from '@/lib/contract/schemas';
import type { Locale } from './format';
import { toNumber } from './series';

export type HeatCell = { hour: number; value: number | null; shade: number | null };
export type HeatRow = { dow: number; day: string; cells: HeatCell[] };
export type HeatGrid = { rows: HeatRow[]; max: number };

export const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** A weekday's short name (Mon … Sun) in the reader's language. */
export function weekdayName(dow: number, locale?: Locale, width: 'short' | 'long' = 'short'): string {
  // 5 January 2026 was a Monday (ISO day 1).
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(Date.UTC(2026, 0, 4 + dow));
}

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

export function heatGrid(answer: Pick<QueryResponse, 'rows'>, locale?: Locale): HeatGrid {
  const values = new Map(answer.rows.map((r) => [`${r[0]}:${r[1]}`, toNumber(r[2])]));
  const max = Math.max(0, ...[...values.values()].map((v) => v ?? 0));
  const rows = [1, 2, 3, 4, 5, 6, 7].map((dow) => ({
    dow,
    day: weekdayName(dow, locale),
    cells: HOURS.map((hour): HeatCell => {
      const value = values.get(`${dow}:${hour}`) ?? null;
      return { hour, value, shade: value === null ? null : max > 0 ? value / max : 0 };
    }),
  }));
  return { rows, max };
}
