'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Limits } from '@/lib/dashboards/limits';
import type { Format } from '@/lib/dashboards/measure';
import { formatAgo, formatMeasure } from '@/lib/ui/format';
import { completeValues, headlineView, sparklinePath } from '@/lib/ui/headline';
import { panelQuery } from '@/lib/ui/queries';
import { DURATION_MS, type Grain } from '@/lib/view/time';
import { toSeries } from '@/lib/ui/series';
import styles from './pages.module.css';

export type Headline = { dashboard: string; panel: string; label: string; format: Format; limits: Limits };

/** The sparkline's bucket in words (hourly unless the dashboard's finest grain is coarser). */
const GRAIN_NOUN: Record<string, string> = { PT1H: 'hour', P1D: 'day' };

const W = 120;
const H = 32;

/**
 * A dashboard card's live line: its headline measure over the last day and how old its newest
 * data is. One query through the usual path (/api/query, cached like any panel), not live.
 */
export function DashboardPulse({ headline }: { headline: Headline }) {
  const [view] = useState(() => headlineView(headline.limits));
  const [openedAt] = useState(() => Date.now());
  // A card's line draws no expected range: not asking saves the four weeks' queries.
  const query = useQuery(panelQuery(headline.dashboard, headline.panel, view, false, false));
  if (query.isPending) {
    return (
      <div className={styles.pulse} aria-busy="true">
        <span className={`skeleton ${styles.sparkSkeleton}`} />
        <span className="sr-only">Loading {headline.label}…</span>
      </div>
    );
  }
  if (query.isError) return <p className={`${styles.pulse} ${styles.pulseError}`}>{headline.label}: not available right now.</p>;

  const until = query.data.meta.dataUntil;
  const points = toSeries(query.data).series[0]?.points ?? [];
  const values = until ? completeValues(points, Date.parse(until), DURATION_MS[query.data.meta.grain as Grain]) : [];
  const last = values.at(-1) ?? null;
  const path = sparklinePath(values, W, H);
  const noun = GRAIN_NOUN[query.data.meta.grain] ?? 'bucket';
  const lastText = last === null ? 'no data' : formatMeasure(last, headline.format);
  return (
    <div className={styles.pulse}>
      <svg className={styles.spark} width={W} height={H} viewBox={`-1 -1 ${W + 2} ${H + 2}`} role="img" aria-label={`${headline.label} over the last 24 hours, last complete ${noun} ${lastText}`}>
        {path && <path d={path} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />}
      </svg>
      <div className={styles.pulseText}>
        <span>
          {headline.label}, last {noun}: <strong>{lastText}</strong>
        </span>
        <span className={styles.pulseAge}>
          {until ? (
            <>
              Data updated <time dateTime={until}>{formatAgo(openedAt - Date.parse(until))}</time>
            </>
          ) : (
            'No data yet'
          )}
        </span>
      </div>
    </div>
  );
}
