'use client';

import type { UnusualPoint } from '@/lib/ui/expected-range';
import { formatBucket } from '@/lib/ui/format';
import type { Grain } from '@/lib/view/time';
import styles from '../annotations/annotations.module.css';
import { Popover } from '../popover';

/**
 * The points outside the expected range as a list of buttons, for the keyboard and screen
 * readers (the chart's triangles are canvas): local time, value and the range expected there.
 * Opening one shows the moment against the week before.
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
    <Popover label={count} buttonLabel={`${count} on ${title}`} buttonClassName="btn btn-ghost btn-small" panelClassName={styles.panel} align="end">
      {({ close }) => (
        <ul className={styles.list} aria-label={`Unusual points on ${title}`}>
          {points.map((p) => (
            <li key={p.t}>
              <button
                type="button"
                className={`btn btn-ghost btn-small ${styles.item}`}
                data-unusual={p.t}
                onClick={() => {
                  close();
                  onOpen(p);
                }}
              >
                <span className={styles.when}>{formatBucket(p.t, grain, tz)}</span>
                <span>
                  <b>{valueText(p.value, false)}</b>, expected {valueText(p.low, true)}–{valueText(p.high, true)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Popover>
  );
}
