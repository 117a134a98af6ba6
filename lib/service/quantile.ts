import quickselect from 'quickselect';

/**
 * DuckDB's `quantile_cont` (its Interpolator and InterpolateOperator): the value at rank
 * (n − 1) × p of the values in order, interpolated between the two values around it as
 * lo × (1 − fraction) + hi × fraction, in doubles; null over no values. Reproduced step for step
 * so a quantile merged from value lists equals the engine's to the last bit. The two values are
 * selected, not sorted for (as DuckDB's nth_element): `values` is reordered.
 */
export function quantileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const rank = (values.length - 1) * p;
  const lo = Math.floor(rank);
  quickselect(values, lo);
  const low = values[lo]!;
  if (rank === lo) return low;
  // Everything after `lo` is at least as large: the next value in order is the least of them.
  let high = Infinity;
  for (let i = lo + 1; i < values.length; i++) if (values[i]! < high) high = values[i]!;
  const fraction = rank - lo;
  return low * (1 - fraction) + high * fraction;
}
