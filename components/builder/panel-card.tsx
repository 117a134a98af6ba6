'use client';

import { useRef, type DragEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { clampSpan, GRID_COLUMNS, measuresFor, type Draft, type DraftPanel, type PanelKind } from '@/lib/ui/builder';
import { Field } from '../field';
import styles from './builder.module.css';

const TYPE_LABELS: Record<string, string> = { kpi: 'KPI tiles', timeseries: 'Time series', topn: 'Top N', table: 'Table' };
/** A type the schema gained after this list was written shows under its own name. */
export const panelTypeLabel = (type: string) => TYPE_LABELS[type] ?? type.replace(/^\w/, (c) => c.toUpperCase());

/** The panel types a builder offers, as a select's options. */
export function PanelTypeOptions({ kinds }: { kinds: PanelKind[] }) {
  return kinds.map((k) => (
    <option key={k.type} value={k.type}>
      {panelTypeLabel(k.type)}
    </option>
  ));
}
const WIDTHS = ['', 'Quarter width', 'Half width', 'Three quarters', 'Full width'];

type Props = {
  panel: DraftPanel;
  index: number;
  count: number;
  kind: PanelKind | undefined;
  kinds: PanelKind[];
  draft: Draft;
  onChange: (panel: DraftPanel) => void;
  onMove: (to: number) => void;
  /** Another panel (its index) was dropped here: it takes this place. */
  onDropPanel: (from: number) => void;
  onRemove: () => void;
  onAnnounce: (text: string) => void;
};

const DRAG_TYPE = 'application/x-pulse-panel';

/** One panel on the builder's grid: its settings, moved by dragging or with its buttons, sized by its edge or with its buttons. */
export function PanelCard({ panel, index, count, kind, kinds, draft, onChange, onMove, onDropPanel, onRemove, onAnnounce }: Props) {
  const card = useRef<HTMLLIElement>(null);
  const set = (patch: Partial<DraftPanel>) => onChange({ ...panel, ...patch });
  const resize = (span: number) => {
    const next = clampSpan(span);
    if (next === panel.span) return;
    set({ span: next });
    onAnnounce(`${panel.title}: ${WIDTHS[next]!.toLowerCase()}.`);
  };
  const changeType = (type: string) => {
    const next = kinds.find((k) => k.type === type);
    if (!next) return;
    const fits = measuresFor(type, draft.measures).map((x) => x.id);
    const kept = panel.measure ?? panel.measures?.[0];
    const m = kept && fits.includes(kept) ? kept : fits[0];
    const d = panel.dimension ?? panel.dimensions?.[0] ?? draft.dimensions[0]?.id;
    const fields: Partial<DraftPanel> = {};
    for (const { key, required } of next.fields) {
      if (key === 'measure') fields.measure = m;
      if (key === 'measures') fields.measures = m ? [m] : [];
      if (key === 'dimension') fields.dimension = d;
      if (key === 'dimensions') fields.dimensions = d ? [d] : [];
      if (key === 'split') fields.split = required ? d : panel.split;
    }
    onChange({ id: panel.id, title: panel.title, span: panel.span, type, ...fields });
  };

  // Mouse: drag the handle onto another panel to reorder; drag the right edge to resize.
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, String(index));
    e.dataTransfer.effectAllowed = 'move';
    if (card.current) e.dataTransfer.setDragImage(card.current, 16, 16);
  };
  const onDrop = (e: DragEvent) => {
    const from = e.dataTransfer.getData(DRAG_TYPE);
    if (from === '') return;
    e.preventDefault();
    if (Number(from) !== index) onDropPanel(Number(from));
  };
  const startResize = (e: PointerEvent<HTMLDivElement>) => {
    const grid = card.current?.parentElement;
    if (!grid) return;
    e.preventDefault();
    const column = grid.getBoundingClientRect().width / GRID_COLUMNS;
    const startX = e.clientX;
    const startSpan = panel.span;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const onPointerMove = (ev: globalThis.PointerEvent) => resize(startSpan + Math.round((ev.clientX - startX) / column));
    const end = () => {
      target.removeEventListener('pointermove', onPointerMove);
      target.removeEventListener('pointerup', end);
      target.removeEventListener('pointercancel', end);
    };
    target.addEventListener('pointermove', onPointerMove);
    target.addEventListener('pointerup', end);
    target.addEventListener('pointercancel', end);
  };
  // Keyboard on the edge: arrows narrow and widen, as on a slider.
  const onEdgeKey = (e: KeyboardEvent) => {
    const step = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, Home: -GRID_COLUMNS, End: GRID_COLUMNS }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    resize(panel.span + step);
  };

  const name = panel.title || `Panel ${index + 1}`;
  const measureOptions = measuresFor(panel.type, draft.measures).map((m) => (
    <option key={m.id} value={m.id}>
      {m.label}
    </option>
  ));
  const dimensionOptions = draft.dimensions.map((d) => (
    <option key={d.id} value={d.id}>
      {d.label}
    </option>
  ));
  const has = (key: string) => kind?.fields.some((f) => f.key === key);

  return (
    <li
      ref={card}
      // Classes, not a style attribute: the pages' CSP allows no inline styles.
      className={`${styles.card} ${styles[`span${panel.span}`]}`}
      data-builder-panel={panel.id}
      data-span={panel.span}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault();
      }}
      onDrop={onDrop}
      aria-label={`${name}, panel ${index + 1} of ${count}, ${WIDTHS[panel.span]!.toLowerCase()}`}
    >
      <div className={styles.cardHeader}>
        <span className={styles.handle} draggable onDragStart={onDragStart} title="Drag to move" aria-hidden="true">
          ⠿
        </span>
        <Field label="Panel title">{(id) => <input id={id} type="text" required maxLength={120} value={panel.title} onChange={(e) => set({ title: e.target.value })} />}</Field>
      </div>
      <div className={styles.fields}>
        <Field label="Type">
          {(id) => (
            <select id={id} value={panel.type} onChange={(e) => changeType(e.target.value)}>
              <PanelTypeOptions kinds={kinds} />
            </select>
          )}
        </Field>
        {has('measure') && (
          <Field label="Measure">
            {(id) => (
              <select id={id} value={panel.measure ?? ''} onChange={(e) => set({ measure: e.target.value })}>
                {measureOptions}
              </select>
            )}
          </Field>
        )}
        {has('dimension') && (
          <Field label="Top N by">
            {(id) => (
              <select id={id} value={panel.dimension ?? ''} onChange={(e) => set({ dimension: e.target.value })}>
                {dimensionOptions}
              </select>
            )}
          </Field>
        )}
        {has('split') && (
          <Field label="Split by">
            {(id) => (
              <select id={id} value={panel.split ?? ''} onChange={(e) => set({ split: e.target.value || undefined })}>
                <option value="">No split</option>
                {dimensionOptions}
              </select>
            )}
          </Field>
        )}
        {has('measures') && (
          <Checklist legend="Measures" options={draft.measures} chosen={panel.measures ?? []} onChange={(measures) => set({ measures })} />
        )}
        {has('dimensions') && (
          <Checklist legend="Rows by" options={draft.dimensions} chosen={panel.dimensions ?? []} onChange={(dimensions) => set({ dimensions })} />
        )}
      </div>
      <div className={styles.cardActions}>
        <button type="button" className="btn btn-small btn-ghost" disabled={index === 0} onClick={() => onMove(index - 1)}>
          Move earlier<span className="sr-only"> {name}</span>
        </button>
        <button type="button" className="btn btn-small btn-ghost" disabled={index === count - 1} onClick={() => onMove(index + 1)}>
          Move later<span className="sr-only"> {name}</span>
        </button>
        <button type="button" className="btn btn-small btn-ghost" disabled={panel.span === 1} onClick={() => resize(panel.span - 1)}>
          Narrower<span className="sr-only"> {name}</span>
        </button>
        <button type="button" className="btn btn-small btn-ghost" disabled={panel.span === GRID_COLUMNS} onClick={() => resize(panel.span + 1)}>
          Wider<span className="sr-only"> {name}</span>
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onRemove}>
          Remove<span className="sr-only"> {name}</span>
        </button>
      </div>
      <div
        className={styles.edge}
        role="slider"
        tabIndex={0}
        aria-label={`Width of ${name}`}
        aria-valuemin={1}
        aria-valuemax={GRID_COLUMNS}
        aria-valuenow={panel.span}
        aria-valuetext={WIDTHS[panel.span]}
        onPointerDown={startResize}
        onKeyDown={onEdgeKey}
        title="Drag to resize"
      />
    </li>
  );
}

function Checklist({ legend, options, chosen, onChange }: { legend: string; options: { id: string; label: string }[]; chosen: string[]; onChange: (ids: string[]) => void }) {
  return (
    <fieldset className={styles.checklist}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.id}>
          <input
            type="checkbox"
            checked={chosen.includes(o.id)}
            onChange={(e) => onChange(e.target.checked ? options.map((x) => x.id).filter((id) => id === o.id || chosen.includes(id)) : chosen.filter((id) => id !== o.id))}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
