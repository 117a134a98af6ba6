'use client';

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Popover } from '../popover';
import type { ExportState } from '../use-export';
import styles from './panel.module.css';

export type ExportChoice = 'csv' | 'xlsx' | 'png';

const CHOICES: { format: ExportChoice; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel' },
  { format: 'png', label: 'PNG image' },
];

/**
 * The panel's downloads behind one menu button: CSV (made in the browser), Excel and PNG (made by
 * the server). Arrow keys, Home and End move between the items, Escape closes and focus returns to
 * the button (the native popover). While a file is prepared the button says so and waits.
 */
export function ExportMenu({ title, state, disabled, onChoose }: { title: string; state: ExportState; disabled: boolean; onChoose: (format: ExportChoice) => void }) {
  return (
    <>
      <Popover
        label={state.busy ? 'Preparing…' : 'Export'}
        buttonLabel={state.busy ? `Preparing ${title} for download` : `Export ${title}`}
        buttonClassName="btn btn-ghost btn-small"
        panelClassName={styles.exportMenu}
        align="end"
        disabled={disabled || state.busy !== null}
      >
        {({ open, close }) =>
          open && (
            <Items
              title={title}
              onChoose={(format) => {
                close();
                onChoose(format);
              }}
            />
          )
        }
      </Popover>
      <span role="status" className={state.error ? styles.exportError : 'sr-only'}>
        {state.error ? `Export failed: ${state.error}` : state.busy ? `Preparing ${title}…` : ''}
      </span>
    </>
  );
}

function Items({ title, onChoose }: { title: string; onChoose: (format: ExportChoice) => void }) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => menu.current?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus(), []);
  function move(e: KeyboardEvent<HTMLDivElement>) {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    items[(to + items.length) % items.length]?.focus();
  }
  return (
    <div ref={menu} role="menu" aria-label={`Export ${title}`} className={styles.exportItems} onKeyDown={move}>
      {CHOICES.map((c) => (
        <button key={c.format} type="button" role="menuitem" className={styles.exportItem} onClick={() => onChoose(c.format)}>
          {c.label}
        </button>
      ))}
    </div>
  );
}
