import { z } from 'zod';
import { LIMITS, NameSchema, RelativeRangeSchema } from '@/lib/view/schema';
import { GRAINS } from '@/lib/view/time';
import { MeasureSchema, type Measure } from './measure';

/** SQL dialects the query builder can target. */
export const DIALECTS = ['duckdb', 'druid'] as const;
export type Dialect = (typeof DIALECTS)[number];

export const DimensionSchema = z.strictObject({ id: NameSchema, label: z.string().min(1) });

const PanelBase = { id: NameSchema, title: z.string().min(1), span: z.int().min(1).max(4).default(2) };

export const PanelSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...PanelBase, type: z.literal('kpi'), measures: z.array(NameSchema).min(1).max(6) }),
  z.strictObject({ ...PanelBase, type: z.literal('timeseries'), measure: NameSchema, split: NameSchema.optional() }),
  z.strictObject({ ...PanelBase, type: z.literal('topn'), dimension: NameSchema, measure: NameSchema }),
  z.strictObject({
    ...PanelBase,
    type: z.literal('table'),
    dimensions: z.array(NameSchema).min(1).max(3),
    measures: z.array(NameSchema).min(1).max(6),
    time: z
      .boolean()
      .optional()
      .describe("true: a Time column first, one row per minute (the dashboard's finest grain) and dimension values, newest first, shown in the view's time zone (a list of events, such as alerts)."),
  }),
]);

export const DashboardSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
    title: z.string().min(1),
    description: z.string(),
    datasource: NameSchema,
    dimensions: z.array(DimensionSchema).min(1),
    measures: z.array(MeasureSchema).min(1),
    /** The dashboard's limits (lib/dashboards/limits.ts), enforced by the API and shown by the UI. */
    maxSpanDays: z.int().min(1).max(LIMITS.maxSpanDays).describe('The longest time range a view may span, in days.'),
    finestGrain: z.enum(GRAINS).default('PT1M').describe('The finest bucket size a view may ask for; auto never goes finer.'),
    defaultView: z.strictObject({
      range: RelativeRangeSchema,
      grain: z.enum(['auto', ...GRAINS]).default('auto'),
      compare: z.enum(['none', 'previous', 'P1D', 'P1W', 'P4W', 'P1Y']).default('none'),
    }),
    panels: z.array(PanelSchema).min(1),
  })
  .superRefine((d, ctx) => {
    const dims = new Set(d.dimensions.map((x) => x.id));
    const measures = new Set(d.measures.map((x) => x.id));
    if (dims.has('tenant')) ctx.addIssue({ code: 'custom', message: 'tenant is never a dimension', path: ['dimensions'] });
    const panelIds = new Set<string>();
    d.panels.forEach((p, i) => {
      if (panelIds.has(p.id)) ctx.addIssue({ code: 'custom', message: `duplicate panel ${p.id}`, path: ['panels', i, 'id'] });
      panelIds.add(p.id);
      for (const m of panelMeasures(p))
        if (!measures.has(m)) ctx.addIssue({ code: 'custom', message: `unknown measure ${m}`, path: ['panels', i] });
      for (const dim of panelDimensions(p))
        if (!dims.has(dim)) ctx.addIssue({ code: 'custom', message: `unknown dimension ${dim}`, path: ['panels', i] });
    });
  });

/** A dashboard as declared; `Dashboard` is the same with its measures resolved against the datasource. */
export type DashboardDecl = z.output<typeof DashboardSchema>;
export type DashboardInput = z.input<typeof DashboardSchema>;
/** `version` changes with the dashboard's or its datasource's declaration; answers are cached under it. */
export type Dashboard = Omit<DashboardDecl, 'measures'> & { measures: Measure[]; version: string };
export type Panel = z.output<typeof PanelSchema>;
export type Dimension = z.output<typeof DimensionSchema>;

export function panelMeasures(p: Panel): string[] {
  return p.type === 'kpi' || p.type === 'table' ? p.measures : [p.measure];
}

export function panelDimensions(p: Panel): string[] {
  if (p.type === 'table') return p.dimensions;
  if (p.type === 'topn') return [p.dimension];
  if (p.type === 'timeseries' && p.split) return [p.split];
  return [];
}
