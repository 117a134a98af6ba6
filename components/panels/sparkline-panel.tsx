'use client';

import { useMemo } from 'react';
import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import type { Panel } from '@/lib/dashboards/schema';
import { formatMeasure } from '@/lib/ui/format';
import { measureOf } from '@/lib/ui/labels';
import { drawsAsRate, formatRate, toRates } from '@/lib/ui/rate';
import { toSeries, withGaps } from '@/lib/ui/series';
import { sparklineOption } from '@/lib/ui/sparkline-option';
import type { View } from '@/lib/view/schema';
import type { Grain } from '@/lib/view/time';
import { bucketStarts, floorToGrain } from '@/lib/view/zoned';
import { LazyChart } from '../charts/lazy-chart';
import { useChartTheme } from '../charts/use-chart-theme';
import { KpiTiles } from './kpi-tiles';
import styles from './panel.module.css';

/** The KPI tile (total, change against the compared period) over a sparkline of the same measure, with its target. */
export function SparklinePanel({ dashboard, panel, data, view }: { dashboard: PublicDashboard; panel: Extract<Panel, { type: 'sparkline' }>; data: QueryResponse; view: View }) {
  const theme = useChartTheme();
  const measure = measureOf(dashboard, panel.measure);
  // Counters are drawn per second, as on time series; the target is in that unit too.
  const rate = drawsAsRate(measure);
  const option = useMemo(() => {
    if (!theme || !data.trend) return null;
    const grain = data.meta.grain as Grain;
    const interval = { start: Date.parse(data.meta.interval.start), end: Date.parse(data.meta.interval.end) };
    const until = data.meta.dataUntil ? Date.parse(data.meta.dataUntil) : null;
    const series = toSeries(data.trend).series;
    const drawn = rate ? toRates(series, { interval, grain, tz: view.tz, dataUntil: until }) : series;
    const [line] = withGaps(drawn, bucketStarts(interval, grain, view.tz));
    return sparklineOption({
      points: line?.points ?? [],
      interval,
      grain,
      tz: view.tz,
      openFrom: until !== null && until < interval.end ? floorToGrain(until, grain, view.tz) : null,
      target: panel.target ?? null,
      format: measure.format,
      kind: measure.kind,
      rate,
      locale: undefined,
      theme,
    });
  }, [theme, data, view.tz, rate, panel.target, measure]);
  const target = panel.target === undefined ? null : rate ? formatRate(panel.target, measure.format) : formatMeasure(panel.target, measure.format);
  const label = `${panel.title}: sparkline of ${measure.label}${rate ? ' per second' : ''} over the range${target ? `, with the target ${target} as a dashed line` : ''}.`;
  return (
    <div className={styles.sparkline}>
      <KpiTiles dashboard={dashboard} data={data} view={view} />
      {target && <p className={styles.sparkTarget}>Target {target}</p>}
      <div className={styles.sparkChart}>{option && <LazyChart key={theme?.scheme} option={option} label={label} />}</div>
    </div>
  );
}
