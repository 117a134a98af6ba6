import { describe, expect, it } from 'vitest';
import { fromWall } from '@/lib/view/zoned';
import { fromInputValue, isoInZone, toInputValue, toWall } from './local-time';

const T = Date.parse('2026-11-25T13:04:00Z');

describe('wall clock in a zone', () => {
  it('round-trips an instant through its wall time', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) {
      expect(fromWall(toWall(T, tz), tz)).toBe(T);
    }
    expect(toWall(T, 'Europe/Berlin') - T).toBe(3_600_000);
  });

  it('maps a wall time in a DST gap forward, onto the later instant', () => {
    // 02:30 on 2026-03-29 does not exist in Berlin; clocks jump from 02:00 to 03:00.
    const wall = Date.parse('2026-03-29T02:30:00Z');
    expect(new Date(fromWall(wall, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('datetime-local values', () => {
  it('shows and reads the time in the chosen zone', () => {
    expect(toInputValue(T, 'Europe/Berlin')).toBe('2026-11-25T14:04');
    expect(fromInputValue('2026-11-25T14:04', 'Europe/Berlin')).toBe(T);
    expect(fromInputValue('2026-11-25T14:04:30', 'UTC')).toBe(Date.parse('2026-11-25T14:04:30Z'));
  });

  it('rejects incomplete values', () => {
    expect(fromInputValue('', 'UTC')).toBeNull();
    expect(fromInputValue('2026-11-25', 'UTC')).toBeNull();
    expect(fromInputValue('2026-13-45T99:00', 'UTC')).toBeNull();
  });
});

describe('isoInZone', () => {
  it('writes the local time with its offset', () => {
    expect(isoInZone(T, 'Europe/Berlin')).toBe('2026-11-25T14:04:00+01:00');
    expect(isoInZone(T, 'America/St_Johns')).toBe('2026-11-25T09:34:00-03:30');
    expect(isoInZone(T, 'UTC')).toBe('2026-11-25T13:04:00+00:00');
  });
});
