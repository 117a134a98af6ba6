'use client';

import type { Annotation } from '@/lib/contract/annotations';
import { annotationTime } from './annotation-details';
import styles from './annotations.module.css';
import { MomentList } from './moment-list';

/** The panel's annotations, for the keyboard (moment-list.tsx). */
export function AnnotationList({ title, annotations, tz, onOpen }: { title: string; annotations: Annotation[]; tz: string; onOpen: (a: Annotation) => void }) {
  const notes = annotations.length === 1 ? '1 annotation' : `${annotations.length} annotations`;
  return (
    <MomentList count={notes} title={title} listLabel={`Annotations on ${title}`} items={annotations} keyOf={(a) => a.id} dataOf={(a) => ({ 'data-annotation': a.id })} onOpen={onOpen}>
      {(a) => (
        <>
          <span className={styles.when}>{annotationTime(a, tz)}</span>
          {a.kind === 'alert' && <span className={styles.alert}>Alert</span>}
          <span>{a.text}</span>
        </>
      )}
    </MomentList>
  );
}
