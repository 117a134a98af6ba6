'use client';

import type { UnusualPoint } from '@/lib/ui/expected-range';
import { formatBucket } from '@/lib/ui/format';
import type { Grain } from '@/lib/view/time';
import styles from '../annotations/annotations.module.css';
import { MomentList } from '../annotations/moment-list';

/**
 * The points outside the expected range, for the keyboard (moment-list.tsx): local time, value
 * and the range expected there. Opening one shows the moment against the week before.
 */
export function UnusualPoints({
  title,
  points,
  grain,
  tz,
  valueText,
  onOpen,
}: {
  title: string;
  points: UnusualPoint[];
  grain: Grain;
  tz: string;
  valueText: (v: number | null, compact: boolean) => string;
  onOpen: (p: UnusualPoint) => void;
}) {
  const count = points.length === 1 ? '1 unusual point' : `${points.length} unusual points`;
  return (
    <MomentList count={count} title={title} listLabel={`Unusual points on ${title}`} items={points} keyOf={(p) => p.t} dataOf={(p) => ({ 'data-unusual': p.t })} onOpen={onOpen}>
      {(p) => (
        <>
          <span className={styles.when}>{formatBucket(p.t, grain, tz)}</span>
          <span>
            <b>{valueText(p.value, false)}</b>, expected {valueText(p.low, true)}–{valueText(p.high, true)}
          </span>
        </>
      )}
    </MomentList>
  );
}
