import { describe, expect, it } from 'vitest';
import { formatAgo, formatAxisTick, formatBucket, formatBytes, formatChange, formatClock, formatDuration, formatInterval, formatMeasure, formatSpan } from './format';

const en = 'en-US';
/** ICU puts narrow no-break spaces before units and AM/PM; compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const T = Date.parse('2026-11-25T13:04:31Z');

describe('formatMeasure', () => {
  it('formats bytes in decimal units, rounding up across a unit boundary', () => {
    expect(formatBytes(512, en)).toBe('512B');
    expect(formatBytes(1_500, en)).toBe('1.5 kB');
    expect(formatBytes(12_514_340_900, en)).toBe('12.5 GB');
    expect(formatBytes(999_960, en)).toBe('1 MB');
    expect(formatBytes(0, en)).toBe('0B');
  });

  it('formats durations in ms below a second and seconds above', () => {
    expect(formatDuration(10.412, en)).toBe('10.4 ms');
    expect(formatDuration(1250, en)).toBe('1.25 sec');
  });

  it('formats counts in full, or compactly for tiles and axes', () => {
    expect(formatMeasure(20_583_212, 'count', { locale: en })).toBe('20,583,212');
    expect(formatMeasure(20_583_212, 'count', { locale: en, compact: true })).toBe('20.6M');
    expect(formatMeasure(9_999, 'count', { locale: en, compact: true })).toBe('9,999');
    expect(formatMeasure(12.345, 'number', { locale: en })).toBe('12.35');
  });

  it('formats ratios as percentages and temperatures with their unit', () => {
    expect(formatMeasure(0.21325, 'percent', { locale: en })).toBe('21.3%');
    expect(formatMeasure(21.25, 'celsius', { locale: en })).toBe('21.3°C');
    expect(formatMeasure(70.2, 'fahrenheit', { locale: en })).toBe('70.2°F');
  });

  it('follows the locale', () => {
    expect(formatMeasure(1234.5, 'number', { locale: 'de-DE' })).toBe('1.234,5');
    expect(plain(formatBytes(12_500_000_000, 'de-DE'))).toBe('12,5 GB');
  });

  it('shows a dash for missing values', () => {
    expect(formatMeasure(null, 'bytes')).toBe('–');
    expect(formatMeasure(Number.NaN, 'count')).toBe('–');
  });
});

describe('formatChange', () => {
  it('signs changes and leaves zero unsigned', () => {
    expect(formatChange(0.1234, en)).toBe('+12.3%');
    expect(formatChange(-0.04, en)).toBe('-4%');
    expect(formatChange(0, en)).toBe('0%');
  });
});

describe('times', () => {
  it('shows a clock time in the chosen zone', () => {
    expect(formatClock(T, 'UTC', en)).toBe('01:04:31 PM');
    expect(formatClock(T, 'Europe/Berlin', 'de-DE')).toBe('14:04:31');
  });

  it('shows a bucket as precisely as its grain', () => {
    expect(formatBucket(T, 'PT5M', 'Asia/Tokyo', en)).toBe('Nov 25, 10:04 PM');
    expect(formatBucket(T, 'P1D', 'Asia/Tokyo', en)).toBe('Nov 25, 2026');
  });

  it('shares the common part of an interval', () => {
    expect(plain(formatInterval(T, T + 3_600_000, 'UTC', 'en-GB'))).toBe('25 Nov, 13:04–14:04');
  });

  it('labels midnight ticks with the date and others with the time', () => {
    expect(formatAxisTick(Date.parse('2026-11-25T00:00:00Z'), 'en-GB')).toBe('25 Nov');
    expect(formatAxisTick(Date.parse('2026-11-25T06:30:00Z'), 'en-GB')).toBe('06:30');
  });
});

describe('formatAgo', () => {
  it('says how long ago in the largest whole unit, short', () => {
    expect([0, 999, 1_000, 59_400, 60_000, 125_000, 3_599_000, 3 * 3_600_000 + 5, 47 * 3_600_000, 3 * 86_400_000].map(formatAgo)).toEqual([
      'just now', 'just now', '1 s ago', '59 s ago', '1 min ago', '2 min ago', '59 min ago', '3 h ago', '47 h ago', '3 d ago',
    ]);
  });

  it('never says a negative age (a clock a little ahead of the server)', () => {
    expect(formatAgo(-500)).toBe('just now');
  });
});

describe('formatSpan', () => {
  it('says how long an alert lasted, to the minute', () => {
    expect([0, 45 * 60_000, 60 * 60_000, 125 * 60_000, 27 * 3_600_000, 48 * 3_600_000, -5].map(formatSpan)).toEqual(['0 min', '45 min', '1 h', '2 h 5 min', '1 d 3 h', '2 d', '0 min']);
  });
});
