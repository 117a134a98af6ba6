/**
 * DuckDB's `quantile_cont` (its Interpolator and InterpolateOperator): the value at rank
 * (n − 1) × p of the sorted values, interpolated between the two values around it as
 * lo × (1 − fraction) + hi × fraction, in doubles; null over no values. Reproduced step for step
 * so a quantile merged from value lists equals the engine's to the last bit.
 */
export function quantileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = (sorted.length - 1) * p;
  const [lo, hi] = [Math.floor(rank), Math.ceil(rank)];
  if (lo === hi) return sorted[lo]!;
  const fraction = rank - lo;
  return sorted[lo]! * (1 - fraction) + sorted[hi]! * fraction;
}
