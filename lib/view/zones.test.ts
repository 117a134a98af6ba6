import { describe, expect, it } from 'vitest';
import { decodeView, encodeView } from './codec';
import { ViewSchema } from './schema';
import { ZONES, canonicalZone, formatOffset, searchZones, zoneChoice } from './zones';

const JAN = Date.UTC(2026, 0, 15);
const JUL = Date.UTC(2026, 6, 15);

describe('time-zone names', () => {
  it('lists each zone once under its current name, UTC first', () => {
    expect(ZONES[0]).toBe('UTC');
    expect(ZONES).toContain('Asia/Kolkata');
    expect(ZONES).toContain('Europe/Kyiv');
    expect(ZONES).toContain('America/Argentina/Buenos_Aires');
    expect(ZONES).not.toContain('Asia/Calcutta');
    expect(ZONES).not.toContain('Europe/Kiev');
    expect(new Set(ZONES).size).toBe(ZONES.length);
  });

  it('reads old links as today’s name and refuses what is no zone', () => {
    expect(canonicalZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(canonicalZone('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh');
    expect(canonicalZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalZone('UTC')).toBe('UTC');
    expect(canonicalZone('Mars/Olympus')).toBeNull();
    expect(canonicalZone('+05:30')).toBeNull();
  });

  it('puts the current name in a view decoded from a URL with an old one', () => {
    const decoded = decodeView('v=1&r=P1D&tz=Asia%2FCalcutta');
    expect(decoded.ok && decoded.view.tz).toBe('Asia/Kolkata');
    expect(encodeView(ViewSchema.parse({ range: { last: 'P1D' }, tz: 'Europe/Kiev' }))).toContain('tz=Europe%2FKyiv');
  });

  it('formats offsets with sign, hours and minutes', () => {
    expect(formatOffset(0)).toBe('UTC');
    expect(formatOffset(330)).toBe('UTC+05:30');
    expect(formatOffset(-180)).toBe('UTC−03:00');
    expect(formatOffset(345)).toBe('UTC+05:45');
  });

  it('shows the offset in force at the given instant (DST included)', () => {
    expect(zoneChoice('Europe/Berlin', JAN).offset).toBe('UTC+01:00');
    expect(zoneChoice('Europe/Berlin', JUL).offset).toBe('UTC+02:00');
    expect(zoneChoice('America/New_York', JAN).offsetMinutes).toBe(-300);
    expect(zoneChoice('Asia/Kolkata', JAN).aliases).toContain('Asia/Calcutta');
  });

  it('finds zones by part of a name, in any case, with spaces for underscores', () => {
    expect(searchZones('new york', JAN).map((z) => z.id)).toContain('America/New_York');
    expect(searchZones('BERLIN', JAN)[0]!.id).toBe('Europe/Berlin');
    expect(searchZones('york', JAN).every((z) => /york/i.test(z.id))).toBe(true);
  });

  it('finds a zone by its old name', () => {
    expect(searchZones('calcutta', JAN).map((z) => z.id)).toEqual(['Asia/Kolkata']);
    expect(searchZones('kiev', JAN).map((z) => z.id)).toEqual(['Europe/Kyiv']);
  });

  it('finds zones by offset', () => {
    const ids = searchZones('+5:30', JAN).map((z) => z.id);
    expect(ids).toContain('Asia/Kolkata');
    expect(searchZones('UTC+05:30', JAN).map((z) => z.id)).toEqual(ids);
    expect(searchZones('utc-3', JAN).every((z) => z.offsetMinutes === -180)).toBe(true);
  });

  it('lists everything for an empty search and nothing for nonsense', () => {
    expect(searchZones('  ', JAN)).toHaveLength(ZONES.length);
    expect(searchZones('zzzz-no-such-place', JAN)).toEqual([]);
  });
});
