/**
 * The dashboard builder's pure parts: which panel types it offers (read from the dashboard
 * schema, so a new panel type appears without a change here when its fields are ones the
 * builder knows), new panels, moves and sizes on the four-column grid, and the document it saves.
 */
import type { z } from 'zod';
import type { Catalog } from '@/lib/dashboards/tenant-dashboard';
import { PanelSchema, type DashboardInput } from '@/lib/dashboards/schema';

/** The panel fields the builder has controls for: one or several measures, one or several dimensions, an optional split. */
export const PANEL_FIELDS = ['measure', 'measures', 'dimension', 'dimensions', 'split'] as const;
export type PanelField = (typeof PANEL_FIELDS)[number];
const COMMON = new Set(['id', 'title', 'span', 'type']);

export type PanelKind = { type: string; fields: { key: PanelField; required: boolean }[] };
/** A panel being built: the schema's shape, loosely (the server checks it whole). */
export type DraftPanel = { id: string; title: string; type: string; span: number } & Partial<Record<'measure' | 'dimension' | 'split', string>> &
  Partial<Record<'measures' | 'dimensions', string[]>>;
export type Draft = Omit<DashboardInput, 'id' | 'panels'> & { panels: DraftPanel[] };

export const GRID_COLUMNS = 4;

/** Every panel type of the schema whose required fields the builder can fill in. */
export function panelKinds(): PanelKind[] {
  return PanelSchema.options.flatMap((option) => {
    const shape = option.shape as Record<string, z.ZodType>;
    const type = [...(shape.type as z.ZodLiteral<string>).values][0]!;
    const fields = Object.keys(shape)
      .filter((key) => !COMMON.has(key))
      .map((key) => ({ key, required: !shape[key]!.safeParse(undefined).success }));
    if (fields.some((f) => f.required && !(PANEL_FIELDS as readonly string[]).includes(f.key))) return [];
    return [{ type, fields: fields.filter((f): f is PanelKind['fields'][number] => (PANEL_FIELDS as readonly string[]).includes(f.key)) }];
  });
}

/** A dashboard from nothing over a datasource: all its dimensions and measures to choose from, no panels yet. */
export function emptyDraft(catalog: Catalog): Draft {
  return {
    title: 'Untitled dashboard',
    description: '',
    datasource: catalog.datasource,
    dimensions: catalog.dimensions,
    measures: catalog.measures,
    maxSpanDays: catalog.maxSpanDays,
    defaultView: { range: { last: 'P1D' } },
    panels: [],
  };
}

/** Panel types that chart only some kinds of measure (lib/dashboards/schema.ts refuses the others). */
const MEASURE_TYPES: Record<string, readonly string[]> = { percentiles: ['quantile'], heatmap: ['count', 'sum'] };

/** The measures a panel of this type can show; all of them when none can (saving then says why). */
export function measuresFor<M extends { type: string }>(type: string, measures: readonly M[]): M[] {
  const types = MEASURE_TYPES[type];
  const fitting = types ? measures.filter((m) => types.includes(m.type)) : [];
  return fitting.length ? fitting : [...measures];
}

/** A new panel of this kind, its fields filled with the first measure it can show and the first dimension. */
export function newPanel(kind: PanelKind, draft: Draft, label: string): DraftPanel {
  const taken = new Set(draft.panels.map((p) => p.id));
  let n = draft.panels.length + 1;
  while (taken.has(`p${n}`)) n++;
  const panel: DraftPanel = { id: `p${n}`, title: label, type: kind.type, span: 2 };
  const measure = measuresFor(kind.type, draft.measures)[0]?.id;
  const dimension = draft.dimensions[0]?.id;
  for (const { key, required } of kind.fields) {
    if (key === 'measure' && measure) panel.measure = measure;
    if (key === 'measures' && measure) panel.measures = [measure];
    if (key === 'dimension' && dimension) panel.dimension = dimension;
    if (key === 'dimensions' && dimension) panel.dimensions = [dimension];
    if (key === 'split' && required && dimension) panel.split = dimension;
  }
  return panel;
}

/** The panel at `from` moved to `to` (clamped to the list). */
export function movePanel<T>(panels: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(panels.length - 1, to));
  const out = [...panels];
  const [moved] = out.splice(from, 1);
  out.splice(target, 0, moved!);
  return out;
}

/** A width in grid columns, 1 to 4. */
export function clampSpan(span: number): number {
  return Math.max(1, Math.min(GRID_COLUMNS, Math.round(span)));
}

/** The document POST and PUT /api/dashboards take: the draft, its panels without empty optional fields. */
export function toDocument(draft: Draft): Record<string, unknown> {
  const panels = draft.panels.map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v !== '')));
  return { ...draft, panels };
}
