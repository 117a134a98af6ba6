import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { formatChange, formatMeasure } from '@/lib/ui/format';
import { compareCaption, measureOf } from '@/lib/ui/labels';
import { changeTone, kpiValues } from '@/lib/ui/series';
import type { View } from '@/lib/view/schema';
import styles from './panel.module.css';

const ARROWS = { up: '▲', down: '▼' } as const;

/** One tile per measure: the value, compactly, and its change against the compare period. */
export function KpiTiles({ dashboard, data, view }: { dashboard: PublicDashboard; data: QueryResponse; view: View }) {
  const caption = compareCaption(view.compare);
  return (
    <dl className={styles.kpis}>
      {kpiValues(data).map((k) => {
        const measure = measureOf(dashboard, k.id);
        const tone = changeTone(k.change, measure.higherIsBetter);
        const direction = k.change === null || k.change === 0 ? null : k.change > 0 ? 'up' : 'down';
        return (
          <div key={k.id} className={styles.tile} data-kpi={k.id}>
            <dt>{measure.label}</dt>
            <dd className={styles.kpiValue} title={formatMeasure(k.value, measure.format)}>
              {measure.approximate && <abbr title="Approximate">≈</abbr>}
              {formatMeasure(k.value, measure.format, { compact: true })}
            </dd>
            <dd className={`${styles.kpiChange} tone-${tone}`}>
              {view.compare !== 'none' && (
                <>
                  {direction && <span aria-hidden="true">{ARROWS[direction]} </span>}
                  {k.change === null ? 'no earlier data' : formatChange(k.change)}{' '}
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
