/**
 * Locale- and zone-aware formatting for everything a panel shows. Pure: the locale and the
 * time zone are always passed in (undefined locale = the browser's), so tests pin them.
 */
import type { Format } from '@/lib/dashboards/measure';
import type { Grain } from '@/lib/view/time';

export type Locale = string | undefined;

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** Placeholder for a missing value (null aggregate, no compare row). */
const NO_VALUE = '–';

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/** Decimal (SI) units, as Intl spells them: 1.2 GB, 512 kB. */
export function formatBytes(value: number, locale?: Locale): string {
  // Round first, so 999.96 kB becomes 1 MB rather than "1,000 kB".
  const rounded = Number(Math.abs(value).toPrecision(3));
  const exp = rounded < 1 ? 0 : Math.min(BYTE_UNITS.length - 1, Math.floor(Math.log10(rounded) / 3));
  return numberFormat(locale, {
    style: 'unit',
    unit: BYTE_UNITS[exp],
    unitDisplay: exp === 0 ? 'narrow' : 'short',
    maximumSignificantDigits: 3,
  }).format(value / 1000 ** exp);
}

/** Milliseconds below a second, seconds above: 10.4 ms, 1.25 sec. */
export function formatDuration(ms: number, locale?: Locale): string {
  if (Math.abs(ms) < 1000) return numberFormat(locale, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 1 }).format(ms);
  return numberFormat(locale, { style: 'unit', unit: 'second', maximumFractionDigits: 2 }).format(ms / 1000);
}

/**
 * One measure value for people. `compact` is for tiles and axes (20.6M); tables and CSV-like
 * detail use the full number.
 */
export function formatMeasure(
  value: number | null | undefined,
  format: Format,
  { locale, compact = false }: { locale?: Locale; compact?: boolean } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  switch (format) {
    case 'bytes':
      return formatBytes(value, locale);
    case 'ms':
      return formatDuration(value, locale);
    case 'percent':
      return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'celsius':
    case 'fahrenheit':
      return numberFormat(locale, { style: 'unit', unit: format, maximumFractionDigits: 1 }).format(value);
    case 'count':
    case 'number':
      if (compact && Math.abs(value) >= 10_000) {
        return numberFormat(locale, { notation: 'compact', maximumSignificantDigits: 3 }).format(value);
      }
      return numberFormat(locale, { maximumFractionDigits: format === 'count' ? 0 : 2 }).format(value);
  }
}

/**
 * How long ago, short and whole: "just now" under a second, then "4 s ago", "2 min ago",
 * "3 h ago", "2 d ago". One wording for every age the UI shows (panel footers, dashboard list).
 */
export function formatAgo(ms: number): string {
  if (ms < 1_000) return 'just now';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  return h < 48 ? `${h} h ago` : `${Math.floor(h / 24)} d ago`;
}

/** A relative change as a signed percentage: +12.3%, −4%, 0%. */
export function formatChange(ratio: number, locale?: Locale): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(ratio);
}

const DAY_GRAINS: ReadonlySet<Grain> = new Set(['P1D', 'P1W']);

/** A bucket start, as precise as its grain: "Nov 25, 14:05" or "Nov 25, 2026" for days and weeks. */
export function formatBucket(ms: number, grain: Grain, tz: string, locale?: Locale): string {
  const options: Intl.DateTimeFormatOptions = DAY_GRAINS.has(grain)
    ? { timeZone: tz, year: 'numeric', month: 'short', day: 'numeric' }
    : { timeZone: tz, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  return dateFormat(locale, options).format(ms);
}

/** Wall-clock time with seconds, for "data until 14:04:31". */
export function formatClock(ms: number, tz: string, locale?: Locale): string {
  return dateFormat(locale, { timeZone: tz, hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms);
}

/** An interval as one phrase, e.g. "Nov 24, 13:38 – Nov 25, 14:38", sharing what both ends share. */
export function formatInterval(start: number, end: number, tz: string, locale?: Locale): string {
  return dateFormat(locale, { timeZone: tz, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).formatRange(start, end);
}

/** Axis tick: the date at local midnight, the time of day otherwise. `wall` is already shifted into the zone. */
export function formatAxisTick(wall: number, locale?: Locale): string {
  const midnight = wall % 86_400_000 === 0;
  return dateFormat(
    locale,
    midnight ? { timeZone: 'UTC', month: 'short', day: 'numeric' } : { timeZone: 'UTC', hour: '2-digit', minute: '2-digit' },
  ).format(wall);
}

/** How long something lasted, to the minute: "45 min", "2 h 5 min", "1 d 3 h". */
export function formatSpan(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${Math.floor(hours / 24)} d`;
}
