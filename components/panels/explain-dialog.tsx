'use client';

import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { ExplainResponse } from '@/lib/contract/explain';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { contributionText, ratioParts, shareText } from '@/lib/ui/explain';
import { formatInterval, formatMeasure } from '@/lib/ui/format';
import { columnLabel } from '@/lib/dashboards/public';
import { COMPARE_LABELS, measureOf, valueLabel } from '@/lib/ui/labels';
import { explainQuery } from '@/lib/ui/queries';
import { withDrillDown } from '@/lib/ui/view-edit';
import type { Compare, View } from '@/lib/view/schema';
import styles from './explain.module.css';

type Props = { dashboard: PublicDashboard; panelId: string; panelTitle: string; measures: string[]; view: View; setView: (view: View) => void };

const PARTS = { numerator: 'numerator', denominator: 'denominator' };

/**
 * "What changed?": a panel's measure now against the compared period, and the dimension values
 * that moved it most; choosing one filters the dashboard to it. A native modal <dialog>: focus
 * stays inside, Escape closes it and focus returns to the button.
 */
export function ExplainDialog({ dashboard, panelId, panelTitle, measures, view, setView }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [measure, setMeasure] = useState(measures[0]!);
  const titleId = `explain-${panelId}`;
  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" aria-haspopup="dialog" onClick={() => (setOpen(true), dialog.current?.showModal())}>
        What changed?
      </button>
      <dialog ref={dialog} className={`modal ${styles.dialog}`} aria-labelledby={titleId} onClose={() => setOpen(false)}>
        <div className={styles.header}>
          <h2 id={titleId} className={styles.title}>
            What changed: {panelTitle}
          </h2>
          <button type="button" className="btn btn-small" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
        {measures.length > 1 && (
          <label className="field-inline">
            Measure{' '}
            <select value={measure} onChange={(e) => setMeasure(e.target.value)}>
              {measures.map((m) => (
                <option key={m} value={m}>
                  {measureOf(dashboard, m).label}
                </option>
              ))}
            </select>
          </label>
        )}
        {open && (
          <Explanation
            dashboard={dashboard}
            panelId={panelId}
            measure={measure}
            view={view}
            pick={(dim, value) => {
              dialog.current?.close();
              setView(withDrillDown(view, dim, value));
            }}
          />
        )}
      </dialog>
    </>
  );
}

function Explanation({ dashboard, panelId, measure, view, pick }: { dashboard: PublicDashboard; panelId: string; measure: string; view: View; pick: (dim: string, value: string) => void }) {
  const query = useQuery(explainQuery(dashboard.id, panelId, measure, view));
  if (query.isPending) {
    return (
      <p className={styles.note} aria-busy="true">
        Working out what changed…
      </p>
    );
  }
  if (!query.data) {
    return (
      <div role="alert" className={styles.note}>
        <p>{query.error?.message ?? 'Could not work out what changed.'}</p>
        <button type="button" className="btn btn-small" onClick={() => query.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  const e = query.data;
  const format = measureOf(dashboard, measure).format;
  const value = (v: number | null) => formatMeasure(v, format, { compact: true });
  return (
    <div className={styles.body}>
      <p className={styles.summary}>
        <strong>{e.measure.label}</strong> {value(e.before)} → {value(e.now)}
        {e.delta !== null && <> ({contributionText(e.delta, format)})</>}, {COMPARE_LABELS[e.compare as Compare].toLowerCase()} (
        {formatInterval(Date.parse(e.compareInterval.start), Date.parse(e.compareInterval.end), view.tz)}) against now.
      </p>
      {e.delta === null ? (
        <p className={styles.note}>The measure has no value in one of the periods (nothing to divide by), so there is no change to explain.</p>
      ) : e.delta === 0 ? (
        <p className={styles.note}>No change between the two periods.</p>
      ) : (
        <>
          {e.decomposition === 'ratio' && <p className={styles.note}>A rate: each value’s part comes from its numerator and from its denominator.</p>}
          <h3 className={styles.heading}>Largest parts of the change</h3>
          <Contributions items={e.top} dashboard={dashboard} format={format} pick={pick} />
          {e.dimensions.map((d) => (
            <details key={d.dimension} className={styles.dimension}>
              <summary>
                By {d.label}
                {!d.complete && ' (its largest values only)'}
              </summary>
              <Contributions items={d.values.map((c) => ({ ...c, dimension: d.dimension }))} dashboard={dashboard} format={format} pick={pick} />
            </details>
          ))}
        </>
      )}
    </div>
  );
}

function Contributions({ items, dashboard, format, pick }: { items: ExplainResponse['top']; dashboard: PublicDashboard; format: Parameters<typeof contributionText>[1]; pick: (dim: string, value: string) => void }) {
  if (items.length === 0) return <p className={styles.note}>Nothing in this view.</p>;
  return (
    <ol className={styles.list}>
      {items.map((c) => {
        const name = `${columnLabel(dashboard, c.dimension)}: ${valueLabel(c.value)}`;
        const parts = ratioParts(c, format, PARTS);
        return (
          <li key={`${c.dimension}\u0000${c.value}`} className={styles.item}>
            {c.value === null ? (
              <span className={styles.name}>{name}</span>
            ) : (
              <button type="button" className={`btn btn-ghost btn-small ${styles.name}`} onClick={() => pick(c.dimension, c.value!)} title="Filter the dashboard to this value">
                {name}
              </button>
            )}
            <span className={styles.amount} data-sign={c.contribution < 0 ? 'down' : 'up'}>
              {contributionText(c.contribution, format)}
            </span>
            <span className={styles.share}>{shareText(c.share)}</span>
            {parts && <span className={styles.parts}>{parts}</span>}
          </li>
        );
      })}
    </ol>
  );
}
