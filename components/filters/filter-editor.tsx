'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { formatMeasure } from '@/lib/ui/format';
import { OP_LABELS, valueLabel } from '@/lib/ui/labels';
import { valuesQuery } from '@/lib/ui/queries';
import { canAddFilter, withFilter, type FilterOp } from '@/lib/ui/view-edit';
import { FILTER_OPS, LIMITS, type View } from '@/lib/view/schema';
import { Field } from '../field';
import { Popover } from '../popover';
import { DimensionOptions } from './dimension-options';
import styles from './filter-bar.module.css';
import { useDebounced } from './use-debounced';

type Props = { dashboard: PublicDashboard; view: View; setView: (view: View) => void };

/** Adds or edits the filter of one (dimension, operator) pair, with typeahead over the tenant's values. */
export function FilterEditor({ dashboard, view, setView }: Props) {
  return (
    <Popover label="+ Add filter" buttonClassName="btn btn-small" panelClassName={styles.editorPanel}>
      {({ open, close }) =>
        open && (
          <EditorForm
            dashboard={dashboard}
            view={view}
            onApply={(next) => {
              setView(next);
              close();
            }}
          />
        )
      }
    </Popover>
  );
}

function EditorForm({ dashboard, view, onApply }: { dashboard: PublicDashboard; view: View; onApply: (view: View) => void }) {
  const current = (dim: string, op: FilterOp) => view.filters.find((f) => f.dim === dim && f.op === op)?.values ?? [];
  const [dim, setDim] = useState(dashboard.dimensions[0]!.id);
  const [op, setOp] = useState<FilterOp>('in');
  const [values, setValues] = useState(() => current(dim, op));
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const listId = useId();
  const search = useDebounced(text.trim(), 200);
  const suggestions = useQuery(valuesQuery(dashboard.id, dim, search, view));
  // Narrowed by what is typed right now, so the list (and the arrow keys) never lag behind the
  // debounced server search; the server's answer then fills in values beyond the first page.
  const typed = text.trim().toLowerCase();
  const options = (suggestions.data?.values ?? []).filter(
    (v): v is { value: string; count: number } => v.value !== null && v.value.toLowerCase().includes(typed),
  );
  const full = values.length >= LIMITS.valuesPerFilter;

  function choose(nextDim: string, nextOp: FilterOp) {
    setDim(nextDim);
    setOp(nextOp);
    setValues(current(nextDim, nextOp));
    setActive(-1);
  }

  function toggle(value: string) {
    if (values.includes(value)) setValues(values.filter((v) => v !== value));
    else if (!full) setValues([...values, value]);
  }

  // Free text becomes a filter only through the explicit "contains" choice, never as an exact
  // value: an `in` of a value that does not exist matches nothing and looks like a real filter.
  const containsChoice = op !== 'contains' && text.trim() ? text.trim() : null;
  const count = options.length + (containsChoice ? 1 : 0);

  function addContains(value: string) {
    onApply(withFilter(view, dim, 'contains', [...new Set([...current(dim, 'contains'), value])]));
  }

  function pick(index: number) {
    if (index < options.length) toggle(options[index]!.value);
    else if (containsChoice) return addContains(containsChoice);
    setText('');
    setActive(-1);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(-1, Math.min(count - 1, i + step)));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      pick(active);
    } else if (e.key === 'Enter' && op === 'contains' && text.trim()) {
      // In "contains" mode the text is the value: adding it is what was asked for.
      e.preventDefault();
      toggle(text.trim());
      setText('');
    } else if (e.key === 'Enter' && text.trim()) {
      // Enter on typed text takes the value it names exactly, if there is one; never the text itself.
      e.preventDefault();
      const exact = options.findIndex((o) => o.value.toLowerCase() === text.trim().toLowerCase());
      if (exact >= 0) pick(exact);
    }
  }

  function apply(e: FormEvent) {
    e.preventDefault();
    const typed = text.trim();
    const final = op === 'contains' && typed && !values.includes(typed) && !full ? [...values, typed] : values;
    onApply(withFilter(view, dim, op, final));
  }

  const existing = current(dim, op).length > 0;
  const nothing = values.length === 0 && !(op === 'contains' && text.trim());
  const room = canAddFilter(view, dim, op);
  return (
    <form onSubmit={apply} className={styles.editor}>
      <h3 className={styles.popoverTitle}>Filter</h3>
      <div className={styles.editorRow}>
        <Field label="Dimension">
          {(id) => (
            <select id={id} value={dim} onChange={(e) => choose(e.target.value, op)}>
              <DimensionOptions dashboard={dashboard} />
            </select>
          )}
        </Field>
        <Field label="Match">
          {(id) => (
            <select id={id} value={op} onChange={(e) => choose(dim, e.target.value as FilterOp)}>
              {FILTER_OPS.map((o) => (
                <option key={o} value={o}>
                  {OP_LABELS[o]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={op === 'contains' ? 'Text to look for (Enter adds it)' : 'Values (type to search, Enter picks)'}>
        {(id) => (
          <input
            id={id}
            type="text"
            role="combobox"
            aria-expanded={count > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
            value={text}
            maxLength={LIMITS.valueLength}
            onChange={(e) => {
              setText(e.target.value);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            autoFocus
          />
        )}
      </Field>
      <ul id={listId} role="listbox" aria-label="Suggestions" aria-multiselectable="true" className={styles.suggestions} hidden={count === 0}>
        {options.map((o, i) => (
          <li
            key={o.value}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={values.includes(o.value)}
            className={i === active ? styles.suggestionActive : styles.suggestion}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => toggle(o.value)}
          >
            <span className={styles.check} aria-hidden="true">{values.includes(o.value) ? '✓' : ''}</span>
            <span className={styles.suggestionValue}>{valueLabel(o.value)}</span>
            <span className={styles.count}>{formatMeasure(o.count, 'count', { compact: true })}</span>
          </li>
        ))}
        {containsChoice && (
          <li
            id={`${listId}-${options.length}`}
            role="option"
            aria-selected={false}
            className={active === options.length ? styles.suggestionActive : styles.suggestion}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => addContains(containsChoice)}
          >
            <span aria-hidden="true" />
            <span className={styles.suggestionValue}>
              Contains “{containsChoice}”
            </span>
            <span className={styles.count}>any value</span>
          </li>
        )}
      </ul>
      {suggestions.isSuccess && !suggestions.isFetching && options.length === 0 && <p className={styles.note}>No value in this time range matches.</p>}
      {values.length > 0 && (
        <ul className={styles.chips} aria-label="Chosen values">
          {values.map((v) => (
            <li key={v} className={styles.chip}>
              <span className={styles.chipText}>{v}</span>
              <button type="button" className={styles.chipRemove} aria-label={`Remove ${v}`} onClick={() => toggle(v)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {!room && <p className={styles.note}>A view holds at most {LIMITS.filters} filters. Remove one first.</p>}
      {full && <p className={styles.note}>A filter holds at most {LIMITS.valuesPerFilter} values.</p>}
      <button type="submit" className="btn btn-primary btn-small" disabled={(nothing && !existing) || !room}>
        {nothing && existing ? 'Remove filter' : 'Apply filter'}
      </button>
    </form>
  );
}
