'use client';

import type { Annotation } from '@/lib/contract/annotations';
import { Popover } from '../popover';
import { annotationTime } from './annotation-details';
import styles from './annotations.module.css';

/**
 * The panel's annotations as a list of buttons: the chart's marks are canvas and cannot take
 * focus, so this is how a keyboard (and a screen reader) reaches them.
 */
export function AnnotationList({ title, annotations, tz, onOpen }: { title: string; annotations: Annotation[]; tz: string; onOpen: (a: Annotation) => void }) {
  const notes = annotations.length === 1 ? '1 annotation' : `${annotations.length} annotations`;
  return (
    <Popover label={notes} buttonLabel={`${notes} on ${title}`} buttonClassName="btn btn-ghost btn-small" panelClassName={styles.panel} align="end">
      {({ close }) => (
        <ul className={styles.list} aria-label={`Annotations on ${title}`}>
          {annotations.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className={`btn btn-ghost btn-small ${styles.item}`}
                data-annotation={a.id}
                onClick={() => {
                  close();
                  onOpen(a);
                }}
              >
                <span className={styles.when}>{annotationTime(a, tz)}</span>
                {a.kind === 'alert' && <span className={styles.alert}>Alert</span>}
                <span>{a.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Popover>
  );
}
