import { describe, expect, it } from 'vitest';
import { zoneCookie, zoneFromCookie } from './zone-cookie';

describe('the zone cookie', () => {
  it('round-trips a zone through the cookie value', () => {
    const value = /^pulse-tz=([^;]+);/.exec(zoneCookie('America/Argentina/Buenos_Aires'))![1];
    expect(zoneFromCookie(value)).toBe('America/Argentina/Buenos_Aires');
  });

  it('falls back to UTC for a missing or made-up zone', () => {
    expect(zoneFromCookie(undefined)).toBe('UTC');
    expect(zoneFromCookie('Mars%2FOlympus')).toBe('UTC');
    expect(zoneFromCookie('%E0%A4%A')).toBe('UTC');
  });
});
