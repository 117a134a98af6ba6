/**
 * The browser's time zone, remembered in a cookie so the server can draw the first view in the
 * zone the browser will ask for (a URL without `tz` otherwise means "the viewer's zone", which
 * only the browser knows).
 */
import { canonicalZone } from '@/lib/view/zones';

export const ZONE_COOKIE = 'pulse-tz';
const ONE_YEAR_S = 365 * 86_400;

export function zoneCookie(tz: string): string {
  return `${ZONE_COOKIE}=${encodeURIComponent(tz)}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`;
}

/** The remembered zone if it is a valid one, else UTC. */
export function zoneFromCookie(value: string | undefined): string {
  try {
    return (value !== undefined && canonicalZone(decodeURIComponent(value))) || 'UTC';
  } catch {
    return 'UTC'; // a malformed escape
  }
}
