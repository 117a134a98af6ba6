import { describe, expect, it } from 'vitest';
import { changeTone, delta, formatDelta, isNoise } from './delta';

describe('deltas', () => {
  it('of a ratio shown in percent are percentage points', () => {
    const d = delta({ format: 'percent' }, 0.25, 0.15)!;
    expect(d).toEqual({ kind: 'points', value: expect.closeTo(0.1, 10) });
    expect(formatDelta(d, 'en-US')).toBe('+10 pp');
    expect(formatDelta({ kind: 'points', value: -0.0123 }, 'en-US')).toBe('-1.2 pp');
  });

  it('of other measures are relative changes', () => {
    expect(delta({ format: 'ms' }, 120, 100)).toEqual({ kind: 'relative', value: 0.2 });
    expect(formatDelta({ kind: 'relative', value: 0.2 }, 'en-US')).toBe('+20%');
    expect(delta({ format: 'ms' }, 120, 0)).toBeNull();
    expect(delta({ format: 'ms' }, null, 10)).toBeNull();
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
