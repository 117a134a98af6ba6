import { describe, expect, it } from 'vitest';
import { contributionText, ratioParts, shareText } from './explain';

describe('wording an explanation', () => {
  it('states a contribution signed in the measure’s unit, a percentage’s in points', () => {
    expect(contributionText(1_500_000, 'bytes', 'en-US')).toBe('+1.5 MB');
    expect(contributionText(-340, 'count', 'en-US')).toBe('−340');
    expect(contributionText(0.008, 'percent', 'en-US')).toBe('+0.8 pp');
    expect(contributionText(-0.0125, 'percent', 'en-US')).toBe('−1.25 pp');
    expect(contributionText(0, 'count', 'en-US')).toBe('0');
  });

  it('says a part against the change as such', () => {
    expect(shareText(0.62, 'en-US')).toBe('62% of the change');
    expect(shareText(-0.2, 'en-US')).toBe('against the change (20%)');
    expect(shareText(null, 'en-US')).toBe('');
  });

  it('names a ratio’s two sources', () => {
    const c = { value: 'eu', now: 0.02, before: 0.01, contribution: 0.006, share: 0.6, numerator: 0.0067, denominator: -0.0007, dimension: 'region' };
    expect(ratioParts(c, 'percent', { numerator: 'errors', denominator: 'requests' }, 'en-US')).toBe('+0.67 pp from errors, −0.07 pp from requests');
    expect(ratioParts({ ...c, numerator: undefined, denominator: undefined }, 'percent', { numerator: 'a', denominator: 'b' })).toBeNull();
  });
});
