import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { changeTone, delta, formatDelta, isNoise, periodsOf } from '@/lib/ui/delta';
import { formatMeasure } from '@/lib/ui/format';
import { compareCaption, measureOf } from '@/lib/ui/labels';
import { kpiValues } from '@/lib/ui/series';
import type { View } from '@/lib/view/schema';
import styles from './panel.module.css';

const ARROWS = { up: '▲', down: '▼' } as const;

/** One tile per measure: the total, compactly, and its change against the compare period (delta.ts). */
export function KpiTiles({ dashboard, data, view }: { dashboard: PublicDashboard; data: QueryResponse; view: View }) {
  const caption = compareCaption(view.compare);
  const span = (i: { start: string; end: string }) => ({ start: Date.parse(i.start), end: Date.parse(i.end) });
  const periods = data.compare
    ? periodsOf(span(data.meta.interval), span(data.compare.interval), data.meta.dataUntil ? Date.parse(data.meta.dataUntil) : null)
    : null;
  return (
    <dl className={styles.kpis}>
      {kpiValues(data).map((k) => {
        const measure = measureOf(dashboard, k.id);
        const change = delta(measure, k.value, k.previous, periods);
        const tone = changeTone(change, measure.higherIsBetter);
        const direction = change === null || isNoise(change) ? null : change.value > 0 ? 'up' : 'down';
        return (
          <div key={k.id} className={styles.tile} data-kpi={k.id}>
            <dt>{measure.label}</dt>
            <dd className={styles.kpiValue} title={formatMeasure(k.value, measure.format)}>
              {measure.approximate && <abbr title="Approximate">≈</abbr>}
              {formatMeasure(k.value, measure.format, { compact: true })}
            </dd>
            <dd className={`${styles.kpiChange} tone-${tone}`} data-change={change?.kind}>
              {view.compare !== 'none' && (
                <>
                  {direction && <span aria-hidden="true">{ARROWS[direction]} </span>}
                  {change === null ? 'no earlier data' : formatDelta(change)}{' '}
                  <span className={styles.kpiCaption}>
                    {caption} ({formatMeasure(k.previous, measure.format, { compact: true })})
                  </span>
                </>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
