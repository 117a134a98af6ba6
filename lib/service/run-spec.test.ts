import { describe, expect, it } from 'vitest';
import { normalizeMeasures } from './run-spec';

describe('normalizeMeasures', () => {
  it('turns Druid’s textual NaN and numeric strings in measure cells into JSON numbers or null', () => {
    expect(normalizeMeasures([1_700_000_000_000, 'NaN', 'NaN', '12.5', 'Infinity', 3, null], 2)).toEqual([1_700_000_000_000, 'NaN', null, 12.5, null, 3, null]);
  });

  it('leaves value lists (JSON text) as they are', () => {
    expect(normalizeMeasures([1_700_000_000_000, '["a","b"]', '12.5', '[1.5]'], 1, [true, false, true])).toEqual([1_700_000_000_000, '["a","b"]', 12.5, '[1.5]']);
  });
});
