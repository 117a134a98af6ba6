// Seeded randomness for load generators, so two runs of a benchmark make the same choices
// (which tenant, dashboard, view, filter, when) and differ only in what the machine does.

/** A uniform generator on [0, 1) from a 32-bit seed (mulberry32: small, fast, good enough for a load). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Ranks 0..n-1 with P(k) ∝ 1/(k+1)^s: a few are popular, most are rare. */
export function zipf(n: number, random: () => number, s = 1.1): () => number {
  const weights = Array.from({ length: n }, (_, k) => 1 / (k + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const cdf = weights.map((w) => (acc += w / total));
  return () => {
    const u = random();
    const i = cdf.findIndex((c) => u <= c);
    return i < 0 ? n - 1 : i;
  };
}
