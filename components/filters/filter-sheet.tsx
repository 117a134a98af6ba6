'use client';

import { useRef, useSyncExternalStore, type ComponentProps } from 'react';
import { columnLabel } from '@/lib/dashboards/public';
import { OP_LABELS } from '@/lib/ui/labels';
import { FilterBar } from './filter-bar';
import styles from './filter-bar.module.css';
import { rangeLabel } from './range-picker';

/** Below this width the view settings open in a sheet instead of taking the top of the page. */
const NARROW = '(max-width: 720px)';

function subscribe(onChange: () => void) {
  const media = window.matchMedia(NARROW);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/**
 * The filter bar, or on a phone a one-line summary whose button opens it in a modal dialog:
 * the native <dialog> traps focus (the page behind is inert), closes on Escape and gives focus
 * back to the button that opened it.
 */
export function FilterSheet(props: ComponentProps<typeof FilterBar>) {
  const narrow = useSyncExternalStore(subscribe, () => window.matchMedia(NARROW).matches, () => false);
  const dialog = useRef<HTMLDialogElement>(null);
  if (!narrow) return <FilterBar {...props} />;

  const { dashboard, view } = props;
  const filters = view.filters.map((f) => `${columnLabel(dashboard, f.dim)} ${OP_LABELS[f.op]} ${f.values.join(', ')}`);
  const summary = `${rangeLabel(view)} · ${filters.length === 0 ? 'no filters' : `${filters.length} filter${filters.length === 1 ? '' : 's'}`}`;
  return (
    <>
      <div className={styles.compactBar}>
        <button type="button" className={`btn ${styles.sheetButton}`} aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
          <span className={styles.sheetSummary}>{summary}</span>
          <span className={styles.sheetAction}>View settings</span>
        </button>
      </div>
      <dialog ref={dialog} className={styles.sheet} aria-labelledby="view-settings-title">
        <div className={styles.sheetHeader}>
          <h2 id="view-settings-title" className={styles.sheetTitle}>
            View settings
          </h2>
          <button type="button" className="btn btn-small" onClick={() => dialog.current?.close()}>
            Done
          </button>
        </div>
        <FilterBar {...props} />
      </dialog>
    </>
  );
}
