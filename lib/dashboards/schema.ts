import { z } from 'zod';
import { LIMITS, NameSchema, RelativeRangeSchema } from '@/lib/view/schema';
import { GRAINS } from '@/lib/view/time';
import { MeasureSchema, type Measure, type MeasureDecl } from './measure';

/** SQL dialects the query builder can target. */
export const DIALECTS = ['duckdb', 'druid'] as const;
export type Dialect = (typeof DIALECTS)[number];

export const DimensionSchema = z.strictObject({ id: NameSchema, label: z.string().min(1) });

const PanelBase = { id: NameSchema, title: z.string().min(1), span: z.int().min(1).max(4).default(2) };

/** Percentiles a percentile-lines panel draws when it names none: the median and the slow tail. */
export const DEFAULT_PERCENTILES = [0.5, 0.95, 0.99];

export const PanelSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...PanelBase, type: z.literal('kpi'), measures: z.array(NameSchema).min(1).max(6) }),
  z.strictObject({
    ...PanelBase,
    type: z.literal('timeseries'),
    measure: NameSchema,
    split: NameSchema.optional(),
    expected: z
      .boolean()
      .optional()
      .describe('true: the expected range (the same hours of the week over the four weeks before: median ± 3 robust deviations) is drawn behind the line by default, when it is one line (no split).'),
  }),
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
  z
    .strictObject({
      ...PanelBase,
      type: z.literal('percentiles'),
      measure: NameSchema.describe('A quantile measure: its field and filter, at each of `percentiles`.'),
      percentiles: z
        .array(z.number().gt(0).lt(1).multipleOf(0.001))
        .min(1)
        .max(5)
        .refine((ps) => ps.every((p, i) => i === 0 || p > ps[i - 1]!), 'percentiles ascend, each once')
        .default(DEFAULT_PERCENTILES),
    })
    .describe('One line per percentile of a quantile measure over time (p50, p95, p99 unless `percentiles` says otherwise).'),
  z
    .strictObject({ ...PanelBase, type: z.literal('heatmap'), measure: NameSchema.describe('A count or sum measure.') })
    .describe('The measure by hour of day × day of week, in the view’s time zone.'),
  z
    .strictObject({
      ...PanelBase,
      type: z.literal('sparkline'),
      measure: NameSchema,
      target: z.number().finite().optional().describe('Drawn as a line across the sparkline, in the measure’s unit (a ratio as a fraction).'),
    })
    .describe('One measure as a KPI (total, change against the compared period) over a sparkline of it.'),
]);

/** Every panel type, in the order the schema lists them (editors offer them from here). */
export const PANEL_TYPES = PanelSchema.options.map((o) => o.shape.type.value);
export type PanelType = (typeof PANEL_TYPES)[number];

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
      const problem = measureProblem(p, d.measures);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['panels', i, 'measure'] });
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

/** Panels that need a kind of measure: percentile lines a quantile, a heatmap a count or sum (its empty cells are 0). */
function measureProblem(p: Panel, measures: MeasureDecl[]): string | null {
  const m = 'measure' in p ? measures.find((x) => x.id === p.measure) : undefined;
  if (!m) return null;
  if (p.type === 'percentiles' && m.type !== 'quantile') return `percentile lines need a quantile measure; ${m.id} is of type ${m.type}`;
  if (p.type === 'heatmap' && m.type !== 'count' && m.type !== 'sum') return `a heatmap adds up a count or sum measure; ${m.id} is of type ${m.type}`;
  return null;
}

export function panelMeasures(p: Panel): string[] {
  return p.type === 'kpi' || p.type === 'table' ? p.measures : [p.measure];
}

export function panelDimensions(p: Panel): string[] {
  if (p.type === 'table') return p.dimensions;
  if (p.type === 'topn') return [p.dimension];
  if (p.type === 'timeseries' && p.split) return [p.split];
  return [];
}
