'use client';

import { useState, type FormEvent } from 'react';
import { describeLimits, spanTooLong, type Limits } from '@/lib/dashboards/limits';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { formatInterval } from '@/lib/ui/format';
import { RANGE_LABELS } from '@/lib/ui/labels';
import { fromInputValue, toInputValue } from '@/lib/ui/local-time';
import { spanMs, withRange } from '@/lib/ui/view-edit';
import { isRelative, type View } from '@/lib/view/schema';
import { RELATIVE_RANGES } from '@/lib/view/time';
import { Field } from '../field';
import { Popover } from '../popover';
import styles from './filter-bar.module.css';

type Props = { dashboard: PublicDashboard; view: View; setView: (view: View) => void };

export function rangeLabel(view: View): string {
  return isRelative(view.range)
    ? RANGE_LABELS[view.range.last]
    : formatInterval(Date.parse(view.range.start), Date.parse(view.range.end), view.tz);
}

/** Presets (relative, they follow now) and an absolute interval typed in the view's time zone. */
export function RangePicker({ dashboard, view, setView }: Props) {
  return (
    <Popover
      label={
        <>
          <span className={styles.rangeIcon} aria-hidden="true">◷</span>
          {rangeLabel(view)}
          <span aria-hidden="true">▾</span>
        </>
      }
      buttonLabel={`Time range: ${rangeLabel(view)}`}
      buttonClassName={`btn ${styles.rangeButton}`}
      panelClassName={styles.rangePanel}
    >
      {({ open, close }) => (
        <div className={styles.rangeColumns}>
          <p className={styles.limits} data-testid="dashboard-limits">
            {describeLimits(dashboard)}
          </p>
          <div>
            <h3 className={styles.popoverTitle}>Relative</h3>
            <ul className={styles.presetList}>
              {RELATIVE_RANGES.filter((r) => !spanTooLong(dashboard, { last: r }, view.tz)).map((r) => (
                <li key={r}>
                  <button
                    type="button"
                    className={styles.preset}
                    aria-pressed={isRelative(view.range) && view.range.last === r}
                    onClick={() => {
                      setView(withRange(view, { last: r }));
                      close();
                    }}
                  >
                    {RANGE_LABELS[r]}
                  </button>
                </li>
              ))}
            </ul>
          </div>
          {/* Mounted per opening, so the inputs start from the current view. */}
          {open && (
            <AbsoluteForm
              view={view}
              limits={dashboard}
              onApply={(v) => {
                setView(v);
                close();
              }}
            />
          )}
        </div>
      )}
    </Popover>
  );
}

function AbsoluteForm({ view, limits, onApply }: { view: View; limits: Limits; onApply: (view: View) => void }) {
  // Read once, when the form opens: a relative range is shown as the interval it means now.
  const [[start, end]] = useState<[number, number]>(() =>
    isRelative(view.range) ? [Date.now() - spanMs(view.range), Date.now()] : [Date.parse(view.range.start), Date.parse(view.range.end)],
  );
  const [from, setFrom] = useState(toInputValue(start, view.tz));
  const [to, setTo] = useState(toInputValue(end, view.tz));
  const [error, setError] = useState<string | null>(null);

  function apply(e: FormEvent) {
    e.preventDefault();
    const a = fromInputValue(from, view.tz);
    const b = fromInputValue(to, view.tz);
    if (a === null || b === null) return setError('Enter both a start and an end.');
    if (b <= a) return setError('The end must be after the start.');
    const range = { start: new Date(a).toISOString(), end: new Date(b).toISOString() };
    if (spanTooLong(limits, range, view.tz)) return setError(`This dashboard shows at most ${limits.maxSpanDays} days at once.`);
    onApply(withRange(view, range));
  }

  return (
    <form onSubmit={apply} className={styles.absolute} noValidate>
      <h3 className={styles.popoverTitle}>Absolute ({view.tz.replaceAll('_', ' ')})</h3>
      <Field label="From">{(id) => <input id={id} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required />}</Field>
      <Field label="To">{(id) => <input id={id} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required />}</Field>
      {error && (
        <p role="alert" className={styles.formError}>
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-small">
        Apply range
      </button>
    </form>
  );
}
