'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Limits } from '@/lib/dashboards/limits';
import type { Format } from '@/lib/dashboards/measure';
import { formatMeasure } from '@/lib/ui/format';
import { formatAge, headlineView, sparklinePath } from '@/lib/ui/headline';
import { panelQuery } from '@/lib/ui/queries';
import { toSeries } from '@/lib/ui/series';
import styles from './pages.module.css';

export type Headline = { dashboard: string; panel: string; label: string; format: Format; limits: Limits };

const W = 120;
const H = 32;

/**
 * A dashboard card's live line: its headline measure over the last day and how old its newest
 * data is. One query through the usual path (/api/query, cached like any panel), not live.
 */
export function DashboardPulse({ headline }: { headline: Headline }) {
  const [view] = useState(() => headlineView(headline.limits));
  const [openedAt] = useState(() => Date.now());
  const query = useQuery(panelQuery(headline.dashboard, headline.panel, view, false));
  if (query.isPending) {
    return (
      <div className={styles.pulse} aria-busy="true">
        <span className={`skeleton ${styles.sparkSkeleton}`} />
        <span className="sr-only">Loading {headline.label}…</span>
      </div>
    );
  }
  if (query.isError) return <p className={`${styles.pulse} ${styles.pulseError}`}>{headline.label}: not available right now.</p>;

  const points = toSeries(query.data).series[0]?.points ?? [];
  const values = points.map(([, v]) => v);
  const last = [...values].reverse().find((v) => v !== null) ?? null;
  const until = query.data.meta.dataUntil;
  const path = sparklinePath(values, W, H);
  const lastText = last === null ? 'no data' : formatMeasure(last, headline.format);
  return (
    <div className={styles.pulse}>
      <svg className={styles.spark} width={W} height={H} viewBox={`-1 -1 ${W + 2} ${H + 2}`} role="img" aria-label={`${headline.label} over the last 24 hours, latest hour ${lastText}`}>
        {path && <path d={path} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />}
      </svg>
      <div className={styles.pulseText}>
        <span>
          {headline.label}: <strong>{lastText}</strong>
        </span>
        <span className={styles.pulseAge}>
          {until ? (
            <>
              Data updated <time dateTime={until}>{formatAge(openedAt - Date.parse(until))}</time>
            </>
          ) : (
            'No data yet'
          )}
        </span>
      </div>
    </div>
  );
}
