import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import type { Panel } from '@/lib/dashboards/schema';
import { formatMeasure } from '@/lib/ui/format';
import { HOURS, heatGrid, hourLabel, weekdayName } from '@/lib/ui/heatmap';
import { measureOf } from '@/lib/ui/labels';
import type { View } from '@/lib/view/schema';
import styles from './panel.module.css';

/** Hours labelled on screen; every cell still says its hour to screen readers and on hover. */
const LABELLED = new Set([0, 6, 12, 18]);

/**
 * Hour of day × day of week as a table of shaded cells: it is a table to assistive technology
 * (day and hour headers, each value in the cell), a picture to the eye. A cell outside the
 * range is blank; a covered hour with nothing in it is 0, the palest shade. Shades come in eleven
 * steps (data-shade 0–10, colours in the stylesheet), not as a style attribute, which the Content
 * Security Policy refuses.
 */
export function HeatmapPanel({ dashboard, panel, data, view }: { dashboard: PublicDashboard; panel: Extract<Panel, { type: 'heatmap' }>; data: QueryResponse; view: View }) {
  const measure = measureOf(dashboard, panel.measure);
  const grid = heatGrid(data);
  const text = (v: number | null) => (v === null ? 'outside the range' : formatMeasure(v, measure.format));
  return (
    <div className={styles.heatmap}>
      <table className={styles.heatTable}>
        <caption className="sr-only">
          {panel.title}: {measure.label} by day of week and hour of day ({view.tz}), totals over the range
        </caption>
        <thead>
          <tr>
            <td />
            {HOURS.map((h) => (
              <th key={h} scope="col" className={styles.heatHour}>
                <span aria-hidden="true">{LABELLED.has(h) ? String(h).padStart(2, '0') : ''}</span>
                <span className="sr-only">{hourLabel(h)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.dow}>
              <th scope="row" className={styles.heatDay}>
                <abbr title={weekdayName(row.dow, undefined, 'long')}>{row.day}</abbr>
              </th>
              {row.cells.map((c) => (
                <td
                  key={c.hour}
                  className={styles.heatCell}
                  data-value={c.value ?? ''}
                  title={`${weekdayName(row.dow, undefined, 'long')} ${hourLabel(c.hour)}: ${text(c.value)}`}
                  data-shade={c.shade === null ? undefined : Math.round(c.shade * 10)}
                >
                  <span className="sr-only">{text(c.value)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className={styles.heatLegend} aria-hidden="true">
        <span>0</span>
        <span className={styles.heatScale} />
        <span>{formatMeasure(grid.max, measure.format, { compact: true })}</span>
      </p>
    </div>
  );
}
