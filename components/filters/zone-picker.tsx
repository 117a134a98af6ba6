'use client';

import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { searchZones, zoneChoice } from '@/lib/view/zones';
import { Field } from '../field';
import { Popover } from '../popover';
import styles from './filter-bar.module.css';

type Props = { tz: string; onChange: (tz: string) => void };

/** The view's time zone with its offset now, and a search over every zone by name, old name or offset. */
export function ZonePicker({ tz, onChange }: Props) {
  // The offset in force when the page opened; a DST change while it stays open is rare enough.
  const [at] = useState(() => Date.now());
  const current = zoneChoice(tz, at);
  return (
    <Popover
      label={
        <>
          <span className={styles.zoneName}>{current.label}</span>{' '}
          <span className={styles.zoneOffset}>{current.offset}</span>
          <span aria-hidden="true">▾</span>
        </>
      }
      buttonLabel={`Time zone: ${current.label} ${current.offset}`}
      buttonClassName={`btn ${styles.zoneButton}`}
      panelClassName={styles.zonePanel}
    >
      {({ open, close }) =>
        open && (
          <ZoneSearch
            tz={tz}
            onPick={(next) => {
              onChange(next);
              close();
            }}
          />
        )
      }
    </Popover>
  );
}

function ZoneSearch({ tz, onPick }: { tz: string; onPick: (tz: string) => void }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  // Offsets as of when the search opened: the list does not reshuffle while one types.
  const [at] = useState(() => Date.now());
  const matches = useMemo(() => searchZones(text, at), [text, at]);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(0, Math.min(matches.length - 1, i + step)));
    } else if (e.key === 'Enter' && matches[active]) {
      e.preventDefault();
      onPick(matches[active].id);
    }
  }

  return (
    <div className={styles.editor}>
      <Field label="Search time zones (city, region or offset such as +5:30)">
        {(id) => (
          <input
            id={id}
            type="search"
            role="combobox"
            aria-expanded={matches.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={matches[active] ? `${listId}-${active}` : undefined}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            autoComplete="off"
            autoFocus
          />
        )}
      </Field>
      <ul id={listId} role="listbox" aria-label="Time zones" className={styles.suggestions} hidden={matches.length === 0}>
        {matches.map((z, i) => (
          <li
            key={z.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={z.id === tz}
            className={i === active ? styles.suggestionActive : styles.suggestion}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(z.id)}
          >
            <span className={styles.check} aria-hidden="true">{z.id === tz ? '✓' : ''}</span>
            <span className={styles.suggestionValue}>{z.label}</span>
            <span className={styles.count}>{z.offset}</span>
          </li>
        ))}
      </ul>
      {matches.length === 0 && <p className={styles.note}>No time zone matches “{text.trim()}”.</p>}
    </div>
  );
}
