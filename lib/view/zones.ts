/**
 * Time-zone names: which the view accepts, how each is spelled in a view, and how a picker lists
 * and searches them. The runtime's list (Intl.supportedValuesOf) uses ICU's ids, many of them
 * old tz-database names (Asia/Calcutta, Europe/Kiev); the tz database's own links
 * (countries-and-timezones carries its `backward` file) map each to today's name, which is the
 * one a view holds, so an old link and a new one share a URL and a cache entry.
 */
import { getAllTimezones } from 'countries-and-timezones';
import { offsetAt } from './zoned';

const RUNTIME: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];
const IN_RUNTIME: ReadonlySet<string> = new Set(RUNTIME);

/**
 * Whether this runtime can format in `tz`. The runtime's own list answers most names for free;
 * only the others are tried, as building a formatter costs about half a millisecond (a phone's
 * first seconds paid for hundreds of them while this module loaded).
 */
function accepted(tz: string): boolean {
  if (IN_RUNTIME.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** UTC is spelled UTC (the view's default), not Etc/UTC, which the tz database links it to. */
const current = (name: string): string => (name === 'Etc/UTC' ? 'UTC' : name);

/** Old name → current name, for the links this runtime can show under their current name. */
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.values(getAllTimezones({ deprecated: true }))
    .filter((z) => z.aliasOf && current(z.aliasOf) !== z.name && accepted(z.aliasOf))
    .map((z) => [z.name, current(z.aliasOf!)]),
);

/** Every zone a picker offers, each once under its current name, A–Z with UTC first. */
export const ZONES: readonly string[] = [
  'UTC',
  ...[...new Set(RUNTIME.map((tz) => ALIASES.get(tz) ?? tz))].filter((tz) => tz !== 'UTC').sort((a, b) => a.localeCompare(b)),
];
const LISTED: ReadonlySet<string> = new Set(ZONES);

/** IANA names as spelled in the tz database (Area/Location); no offsets, no abbreviations. */
const IANA_NAME = /^(?:UTC|[A-Z][A-Za-z_-]+(?:\/[A-Z][A-Za-z0-9_+-]*){1,2}|Etc\/(?:UTC|GMT[+-]\d{1,2}))$/;

/** The name a view holds for `tz`: today's tz-database name of a link, the name itself otherwise; null when unknown. */
export function canonicalZone(tz: string): string | null {
  const alias = ALIASES.get(tz);
  if (alias) return alias;
  if (LISTED.has(tz)) return tz;
  return IANA_NAME.test(tz) && accepted(tz) ? tz : null;
}

export function isTimeZone(tz: string): boolean {
  return canonicalZone(tz) !== null;
}

/** Every spelling a view accepts (current names and old links), for the API's document. */
export function acceptedZoneNames(): string[] {
  return [...new Set([...ZONES, ...ALIASES.keys()])];
}

/** "UTC+05:30", "UTC−03:00", "UTC" for a UTC offset in minutes. */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${minutes < 0 ? '−' : '+'}${hh}:${mm}`;
}

export type ZoneChoice = { id: string; label: string; offset: string; offsetMinutes: number; aliases: string[] };

const aliasesOf = new Map<string, string[]>();
for (const [old, now] of ALIASES) aliasesOf.set(now, [...(aliasesOf.get(now) ?? []), old]);

/** A picker's entry for a zone at instant `at`: its current offset (DST as of then) and old names. */
export function zoneChoice(id: string, at: number): ZoneChoice {
  const offsetMinutes = Math.round(offsetAt(at, id) / 60_000);
  return { id, label: id.replaceAll('_', ' '), offset: formatOffset(offsetMinutes), offsetMinutes, aliases: aliasesOf.get(id) ?? [] };
}

/** Lower case with spaces for underscores and slashes, so "new york", "america/new_york" and "New York" all meet. */
function fold(s: string): string {
  return s.toLowerCase().replace(/[_/]+/g, ' ').replace(/−/g, '-').trim();
}

/** "+5:30", "utc+05:30", "-3" → minutes; null when the text is no offset. */
function offsetQuery(q: string): number | null {
  const m = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(q);
  if (!m) return q === 'utc' || q === 'gmt' ? 0 : null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * Zones matching what someone typed: a part of the name (or of an old name such as
 * "Calcutta"), or an offset ("+5:30", "UTC-3"). Names starting with the text come first.
 */
export function searchZones(query: string, at: number, zones: readonly string[] = ZONES): ZoneChoice[] {
  const q = fold(query);
  const all = zones.map((id) => zoneChoice(id, at));
  if (!q) return all;
  const offset = offsetQuery(q.replace(/\s+/g, ''));
  if (offset !== null) return all.filter((z) => z.offsetMinutes === offset);
  const rank = (z: ZoneChoice): number => {
    const names = [z.id, ...z.aliases].map(fold);
    if (names.some((n) => n.split(' ').some((word, i, words) => words.slice(i).join(' ').startsWith(q)))) return 0;
    return names.some((n) => n.includes(q)) ? 1 : 2;
  };
  return all
    .map((z) => ({ z, r: rank(z) }))
    .filter(({ r }) => r < 2)
    .sort((a, b) => a.r - b.r)
    .map(({ z }) => z);
}
