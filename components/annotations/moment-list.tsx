'use client';

import type { ReactNode } from 'react';
import { Popover } from '../popover';
import styles from './annotations.module.css';

/**
 * Moments a chart marks (annotations, unusual points) as a list of buttons behind one button in
 * the chart's corner: the chart's marks are canvas and cannot take focus, so this is how a
 * keyboard (and a screen reader) reaches them. Choosing one closes the list and opens it.
 */
export function MomentList<T>({
  count,
  title,
  listLabel,
  items,
  keyOf,
  dataOf,
  onOpen,
  children,
}: {
  /** "3 unusual points", the button's text; the button's name adds the panel's title. */
  count: string;
  title: string;
  listLabel: string;
  items: readonly T[];
  keyOf: (item: T) => string | number;
  /** The item's data attributes (tests and styles find a moment by them). */
  dataOf: (item: T) => Record<`data-${string}`, string | number>;
  onOpen: (item: T) => void;
  children: (item: T) => ReactNode;
}) {
  return (
    <Popover label={count} buttonLabel={`${count} on ${title}`} buttonClassName="btn btn-ghost btn-small" panelClassName={styles.panel} align="end">
      {({ close }) => (
        <ul className={styles.list} aria-label={listLabel}>
          {items.map((item) => (
            <li key={keyOf(item)}>
              <button
                type="button"
                className={`btn btn-ghost btn-small ${styles.item}`}
                {...dataOf(item)}
                onClick={() => {
                  close();
                  onOpen(item);
                }}
              >
                {children(item)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Popover>
  );
}
