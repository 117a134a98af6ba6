/**
 * Sample data for a datasource from its declaration's `sample` block alone: events spread over
 * each minute at a rate that follows the time of day, dimension values picked from the declared
 * lists, numeric fields drawn from [min, max] (skewed to the low end by `skew`, as latencies
 * are). Deterministic like the hand-written generators (sample-sql.ts): every value is a pure
 * function of (time, tenant, slot), so the producer and the embedded engine agree event for event.
 */
import type { Datasource } from '@/lib/dashboards/datasource-schema';
import { quoteIdent, quoteLiteral } from '@/lib/sql/query';

/** The generator SELECT (over $start, $end, $step like the others), or undefined without a sample block. */
export function declaredGenerator(ds: Datasource): string | undefined {
  const sample = ds.sample;
  if (!sample) return undefined;
  // Each slot yields at most one event per step; the daily curve peaks at 1.7 times the mean.
  const slots = Math.max(1, Math.ceil(sample.eventsPerMinute * 1.7));
  const seed = (n: number) => `rnd(s, t.id * 7919 + k * 131 + ${n})`;
  const dims = ds.dimensions.map((d, i) => `pick([${sample.dimensions[d.name]!.map(quoteLiteral).join(', ')}], ${seed(i + 1)}) AS ${quoteIdent(d.name)}`);
  const fields = ds.fields.map((f, i) => {
    const { min, max, skew } = sample.fields[f.name]!;
    const value = `${min} + ${max - min} * pow(${seed(ds.dimensions.length + i + 1)}, ${skew})`;
    return `${f.type === 'long' ? `round(${value})::BIGINT` : `round(${value}, 3)::DOUBLE`} AS ${quoteIdent(f.name)}`;
  });
  return `
SELECT to_timestamp(s + floor(${seed(0)} * $step)::BIGINT) AS ts, t.tenant,
  ${[...dims, ...fields].join(',\n  ')}
FROM range($start, $end, $step) r(s) CROSS JOIN range(${slots}) slots(k) CROSS JOIN sample_tenants t
WHERE ${seed(997)} < $step / 60.0 * ${sample.eventsPerMinute / slots} * (0.3 + 1.4 * diurnal(s))
ORDER BY ts, t.id, k`;
}
