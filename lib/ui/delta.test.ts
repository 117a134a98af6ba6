import { describe, expect, it } from 'vitest';
import { changeTone, comparable, delta, formatDelta, isNoise, periodsOf } from './delta';

const HOUR = 3_600_000;

describe('deltas', () => {
  it('of a ratio shown in percent are percentage points', () => {
    const d = delta({ kind: 'ratio', format: 'percent' }, 0.25, 0.15)!;
    expect(d).toEqual({ kind: 'points', value: expect.closeTo(0.1, 10) });
    expect(formatDelta(d, 'en-US')).toBe('+10 pp');
    expect(formatDelta({ kind: 'points', value: -0.0123 }, 'en-US')).toBe('-1.2 pp');
  });

  it('of other measures are relative changes', () => {
    expect(delta({ kind: 'gauge', format: 'ms' }, 120, 100)).toEqual({ kind: 'relative', value: 0.2 });
    expect(formatDelta({ kind: 'relative', value: 0.2 }, 'en-US')).toBe('+20%');
    expect(delta({ kind: 'gauge', format: 'ms' }, 120, 0)).toBeNull();
    expect(delta({ kind: 'gauge', format: 'ms' }, null, 10)).toBeNull();
  });

  it('of a counter leave out the time the open bucket has not covered yet', () => {
    // Last hour, 45 minutes of it with data: 900 events now against 1,200 in the whole hour
    // before is the same pace, not a 25% drop.
    const start = Date.parse('2026-11-25T12:00:00Z');
    const periods = periodsOf({ start, end: start + HOUR }, { start: start - HOUR, end: start }, start + 0.75 * HOUR);
    expect(periods).toEqual({ currentMs: 0.75 * HOUR, compareMs: HOUR });
    expect(comparable('counter', 1_200, periods)).toBe(900);
    expect(delta({ kind: 'counter', format: 'count' }, 900, 1_200, periods)).toEqual({ kind: 'relative', value: 0 });
    // Gauges (an average) are not pro-rated.
    expect(delta({ kind: 'gauge', format: 'ms' }, 900, 1_200, periods)).toEqual({ kind: 'relative', value: -0.25 });
  });

  it('of a closed period compare the totals as they are', () => {
    const start = Date.parse('2026-11-24T00:00:00Z');
    const periods = periodsOf({ start, end: start + 24 * HOUR }, { start: start - 24 * HOUR, end: start }, start + 48 * HOUR);
    expect(delta({ kind: 'counter', format: 'count' }, 110, 100, periods)).toEqual({ kind: 'relative', value: expect.closeTo(0.1, 10) });
  });
});

describe('the tone of a change', () => {
  it('follows whether higher is better, and stays neutral for noise', () => {
    const up = { kind: 'relative' as const, value: 0.2 };
    expect(changeTone(up, true)).toBe('good');
    expect(changeTone(up, false)).toBe('bad');
    expect(changeTone({ kind: 'points', value: -0.2 }, false)).toBe('good');
    expect(changeTone(up, undefined)).toBe('neutral');
    expect(changeTone({ kind: 'relative', value: 0.0001 }, false)).toBe('neutral');
    expect(changeTone(null, true)).toBe('neutral');
    expect(isNoise({ kind: 'relative', value: -0.0004 })).toBe(true);
    expect(isNoise({ kind: 'points', value: 0.001 })).toBe(false);
  });
});
