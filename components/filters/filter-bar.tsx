'use client';

import { grainAllowed } from '@/lib/dashboards/limits';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { columnLabel } from '@/lib/dashboards/public';
import { COMPARE_LABELS, GRAIN_LABELS, OP_LABELS } from '@/lib/ui/labels';
import { LIVE_REFRESH_MS } from '@/lib/ui/queries';
import { clearedView, grainFits, revise, withFilter } from '@/lib/ui/view-edit';
import { encodeView } from '@/lib/view/codec';
import { isRelative, type Filter, type View } from '@/lib/view/schema';
import { COMPARE_SHIFTS, GRAINS } from '@/lib/view/time';
import { Field } from '../field';
import { AnnotateMenu } from '../annotations/annotate-menu';
import { SavedViewsMenu } from '../saved-views/saved-views-menu';
import { FilterEditor } from './filter-editor';
import styles from './filter-bar.module.css';
import { RangePicker } from './range-picker';
import { SeriesControls } from './series-controls';
import { ShareMenu } from './share-menu';
import { PdfButton } from '../dashboard/pdf-button';
import { ScheduleMenu } from '../reports/schedule-menu';
import { ZonePicker } from './zone-picker';

type Props = {
  dashboard: PublicDashboard;
  view: View;
  setView: (view: View) => void;
  live: boolean;
  onLiveChange: (live: boolean) => void;
  /** New data is pushed to the panels as it arrives (GET /api/stream), rather than polled for. */
  pushed?: boolean;
  /** Filters the viewer cannot remove (an embed token's): shown first, without a remove button. */
  locked?: readonly Filter[];
  shareable?: boolean;
  /** Saved views for signed-in users (none in an embedded dashboard). */
  savedViews?: { canShare: boolean };
};

const COMPARES = ['none', 'previous', ...COMPARE_SHIFTS] as const;

export function FilterBar({ dashboard, view, setView, live, onLiveChange, pushed = false, locked = [], shareable = true, savedViews }: Props) {
  const patch = (p: Partial<View>) => setView(revise(view, p));
  const cleared = clearedView(view, dashboard.defaultView);
  const relative = isRelative(view.range);
  return (
    <section className={styles.bar} aria-label="View settings">
      <div className={styles.row}>
        <RangePicker dashboard={dashboard} view={view} setView={setView} />
        <ZonePicker tz={view.tz} onChange={(tz) => patch({ tz })} />
        <Field label="Granularity" inline>
          {(id) => (
            <select id={id} value={view.grain} onChange={(e) => patch({ grain: e.target.value as View['grain'] })}>
              <option value="auto">{GRAIN_LABELS.auto}</option>
              {GRAINS.map((g) => (
                <option key={g} value={g} disabled={!grainFits(g, view.range) || !grainAllowed(dashboard, g)}>
                  {GRAIN_LABELS[g]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Compare" inline>
          {(id) => (
            <select id={id} value={view.compare} onChange={(e) => patch({ compare: e.target.value as View['compare'] })}>
              {COMPARES.map((c) => (
                <option key={c} value={c}>
                  {COMPARE_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <SeriesControls dashboard={dashboard} view={view} setView={setView} />
        <span className={styles.spacer} />
        <button
          type="button"
          className={`btn btn-small ${styles.live}`}
          aria-pressed={relative && live}
          disabled={!relative}
          onClick={() => onLiveChange(!live)}
          data-pushed={relative && live && pushed}
          title={!relative ? 'A pinned time range never changes' : pushed ? 'New data appears as it arrives' : `Refreshes every ${LIVE_REFRESH_MS / 1000} seconds`}
        >
          <span className={relative && live ? styles.liveDotOn : styles.liveDot} aria-hidden="true" />
          {!relative ? 'Pinned range' : live ? 'Live' : 'Paused'}
        </button>
        {savedViews && <SavedViewsMenu dashboard={dashboard.id} view={view} canShare={savedViews.canShare} />}
        {shareable && <ShareMenu dashboard={dashboard} view={view} />}
      </div>
      <div className={styles.row}>
        <span className={styles.controlLabel} id="filters-label">
          Filters
        </span>
        {view.filters.length + locked.length === 0 && <span className={styles.none}>None</span>}
        <ul className={styles.chips} aria-labelledby="filters-label" hidden={view.filters.length + locked.length === 0}>
          {locked.map((f) => {
            const text = `${columnLabel(dashboard, f.dim)} ${OP_LABELS[f.op]} ${f.values.join(', ')}`;
            return (
              <li key={`locked.${f.op}.${f.dim}`} className={`${styles.chip} ${styles.chipLocked}`} data-locked="true" title={`${text} (set by your application; cannot be removed)`}>
                <span className={styles.chipText}>
                  <span aria-hidden="true">🔒 </span>
                  <span className={styles.chipDim}>{columnLabel(dashboard, f.dim)}</span> {OP_LABELS[f.op]} <strong>{f.values.join(', ')}</strong>
                  <span className="sr-only"> (locked)</span>
                </span>
              </li>
            );
          })}
          {view.filters.map((f) => {
            const text = `${columnLabel(dashboard, f.dim)} ${OP_LABELS[f.op]} ${f.values.join(', ')}`;
            return (
              <li key={`${f.op}.${f.dim}`} className={styles.chip}>
                <span className={styles.chipText} title={text}>
                  <span className={styles.chipDim}>{columnLabel(dashboard, f.dim)}</span> {OP_LABELS[f.op]}{' '}
                  <strong>{f.values.join(', ')}</strong>
                </span>
                <button
                  type="button"
                  className={styles.chipRemove}
                  aria-label={`Remove filter: ${text}`}
                  onClick={() => setView(withFilter(view, f.dim, f.op, []))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
        <FilterEditor dashboard={dashboard} view={view} setView={setView} />
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => setView(cleared)}
          disabled={encodeView(cleared) === encodeView(view)}
        >
          Clear all
        </button>
        {/* In the roomier filters row: the first is full at 1440 px, and one more button there wraps it (and moves the panels as the page loads). */}
        <span className={styles.spacer} />
        <AnnotateMenu dashboard={dashboard} view={view} />
        <PdfButton dashboard={dashboard.id} title={dashboard.title} view={view} />
        {savedViews && <ScheduleMenu dashboard={dashboard} view={view} />}
      </div>
    </section>
  );
}
