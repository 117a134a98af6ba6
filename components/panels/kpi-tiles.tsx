import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { changeTone, delta, formatDelta, isNoise } from '@/lib/ui/delta';
import { formatMeasure } from '@/lib/ui/format';
import { compareCaption, measureOf } from '@/lib/ui/labels';
import { kpiValues } from '@/lib/ui/series';
import type { View } from '@/lib/view/schema';
import styles from './panel.module.css';

const ARROWS = { up: '▲', down: '▼' } as const;

/** One tile per measure: the total, compactly, and its change against the same stretch of the compare period (delta.ts). */
export function KpiTiles({ dashboard, data, view }: { dashboard: PublicDashboard; data: QueryResponse; view: View }) {
  const caption = compareCaption(view.compare);
  return (
    <dl className={styles.kpis}>
      {kpiValues(data).map((k) => {
        const measure = measureOf(dashboard, k.id);
        const change = delta(measure, k.value, k.previous);
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
