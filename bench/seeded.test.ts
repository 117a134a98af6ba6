import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom, zipf } from './seeded';

describe('seeded randomness', () => {
  it('repeats itself for one seed and stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const a = seededRandom(seed);
        const b = seededRandom(seed);
        for (let i = 0; i < 50; i++) {
          const x = a();
          expect(x).toBe(b());
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it('draws ranks by Zipf: rank 0 most often, every rank in range, rarer ranks less often', () => {
    const draw = zipf(10, seededRandom(7));
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[draw()]!++;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(20_000);
    // P(0)/P(9) = 10^1.1 ≈ 12.6: far apart enough that sampling noise cannot reorder them.
    expect(counts[0]!).toBeGreaterThan(5 * counts[9]!);
    expect(counts[0]!).toBeGreaterThan(counts[1]!);
  });
});
