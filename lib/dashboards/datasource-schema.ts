import { z } from 'zod';
import { NameSchema } from '@/lib/view/schema';

/**
 * One datasource, declared once: its Kafka topic, event fields and how its metrics roll up.
 * The embedded engine keeps raw rows; Druid keeps the rolled-up `metrics` columns. Measures
 * name event fields, and the query compiler picks the column each engine holds for them.
 */
export const FIELD_TYPES = ['long', 'double'] as const;
export const ROLLUPS = ['count', 'sum', 'min', 'max', 'quantiles'] as const;
export type Rollup = (typeof ROLLUPS)[number];
/** Tiers, finest first. */
export const TIER_GRAINS = ['hour', 'day'] as const;
export type TierGrain = (typeof TIER_GRAINS)[number];

/**
 * No pre-built HLL column: Druid 33 drops it from its SQL schema once realtime segments persist
 * (apache/druid#14315), so a distinct count is sketched at query time over a dimension instead.
 */
const NO_HLL =
  'hll metrics are not supported: Druid 33 drops a pre-built HLL column from its SQL schema once realtime segments persist (apache/druid#14315); declare the field as a dimension and count it with a distinct measure (sketched at query time)';
const RollupSchema = z.enum(ROLLUPS, { error: (iss) => (iss.input === 'hll' ? NO_HLL : undefined) });

export const DatasourceSchema = z
  .strictObject({
    id: NameSchema,
    topic: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name'),
    /** The event field holding the event time, epoch milliseconds. */
    timeField: NameSchema,
    /** The event field naming the customer; every query is scoped by it. */
    tenantField: NameSchema,
    /** Druid's query granularity: rows are rolled up to it, or kept as they come ('none'). */
    granularity: z.enum(['none', 'minute', 'hour']),
    dimensions: z.array(z.strictObject({ name: NameSchema })).min(1),
    fields: z.array(z.strictObject({ name: NameSchema, type: z.enum(FIELD_TYPES) })).default([]),
    metrics: z.array(z.strictObject({ name: NameSchema, type: RollupSchema, field: NameSchema.optional() })).default([]),
    /**
     * Coarser rollups the embedded engine keeps beside the table (lib/dashboards/tiers.ts), each
     * naming the dimensions it keeps (default: all). Absent: an hour and a day tier of a minute
     * rollup, a day tier of an hour rollup, none without rollup.
     */
    tiers: z
      .array(z.strictObject({ grain: z.enum(TIER_GRAINS), dimensions: z.array(NameSchema).min(1).optional() }))
      .max(TIER_GRAINS.length)
      .optional()
      .describe('Hour and day rollups kept beside the table; each keeps the listed dimensions (default: all). Absent: every tier coarser than the granularity.'),
    /** How to generate sample data for it (lib/ingest/declared-sample.ts): every dimension and field. */
    sample: z
      .strictObject({
        /** Per tenant, on average over the day. */
        eventsPerMinute: z.number().positive().max(600),
        /** Values picked uniformly; repeat a value to make it more likely. */
        dimensions: z.record(NameSchema, z.array(z.string().regex(/^[^\p{Cc}]{1,200}$/u)).min(1).max(100)),
        /** Drawn from [min, max]; skew > 1 leans to the low end (latencies, sizes). */
        fields: z.record(NameSchema, z.strictObject({ min: z.number(), max: z.number(), skew: z.number().min(0.1).max(20).default(1) })).default({}),
      })
      .optional(),
  })
  .superRefine((d, ctx) => {
    const names = new Map<string, string>();
    const claim = (name: string, what: string, path: (string | number)[]) => {
      const before = names.get(name);
      if (before) ctx.addIssue({ code: 'custom', message: `${name} is already declared as ${before}`, path });
      else names.set(name, what);
    };
    claim(d.timeField, 'the time field', ['timeField']);
    claim(d.tenantField, 'the tenant field', ['tenantField']);
    d.dimensions.forEach((x, i) => claim(x.name, 'a dimension', ['dimensions', i, 'name']));
    d.fields.forEach((x, i) => claim(x.name, 'a field', ['fields', i, 'name']));
    const dims = new Set(d.dimensions.map((x) => x.name));
    const numeric = new Map(d.fields.map((x) => [x.name, x.type]));
    const metricNames = new Set<string>();
    if (d.granularity === 'none' && d.metrics.length)
      ctx.addIssue({ code: 'custom', message: 'a datasource without rollup keeps raw fields and declares no metrics', path: ['metrics'] });
    if (d.granularity !== 'none' && !d.metrics.some((m) => m.type === 'count'))
      ctx.addIssue({ code: 'custom', message: 'a rolled-up datasource needs a count metric', path: ['metrics'] });
    if (d.sample) {
      for (const x of d.dimensions) if (!d.sample.dimensions[x.name]) ctx.addIssue({ code: 'custom', message: `no sample values for dimension ${x.name}`, path: ['sample', 'dimensions'] });
      for (const x of d.fields) if (!d.sample.fields[x.name]) ctx.addIssue({ code: 'custom', message: `no sample range for field ${x.name}`, path: ['sample', 'fields'] });
      for (const name of Object.keys(d.sample.dimensions)) if (!dims.has(name)) ctx.addIssue({ code: 'custom', message: `${name} is not a dimension`, path: ['sample', 'dimensions', name] });
      for (const [name, r] of Object.entries(d.sample.fields)) {
        if (!numeric.has(name)) ctx.addIssue({ code: 'custom', message: `${name} is not a numeric field`, path: ['sample', 'fields', name] });
        if (r.max < r.min) ctx.addIssue({ code: 'custom', message: 'max is below min', path: ['sample', 'fields', name] });
      }
    }
    // Tier tables are named <id>__<grain> (tiers.ts).
    if (d.id.includes('__')) ctx.addIssue({ code: 'custom', message: 'a datasource id has no "__" (its tiers\' tables are named with it)', path: ['id'] });
    const grains = new Set<string>();
    d.tiers?.forEach((t, i) => {
      if (grains.has(t.grain)) ctx.addIssue({ code: 'custom', message: `duplicate ${t.grain} tier`, path: ['tiers', i, 'grain'] });
      grains.add(t.grain);
      if (d.granularity === 'none') ctx.addIssue({ code: 'custom', message: 'a datasource without rollup keeps raw rows and no tiers', path: ['tiers', i] });
      if (d.granularity === 'hour' && t.grain === 'hour') ctx.addIssue({ code: 'custom', message: 'the table itself is rolled up to the hour', path: ['tiers', i, 'grain'] });
      t.dimensions?.forEach((name, j) => {
        if (!dims.has(name)) ctx.addIssue({ code: 'custom', message: `${name} is not a dimension`, path: ['tiers', i, 'dimensions', j] });
      });
    });
    d.metrics.forEach((m, i) => {
      const at = ['metrics', i];
      if (metricNames.has(m.name)) ctx.addIssue({ code: 'custom', message: `duplicate metric ${m.name}`, path: [...at, 'name'] });
      metricNames.add(m.name);
      if (dims.has(m.name) || m.name === d.tenantField) ctx.addIssue({ code: 'custom', message: `metric ${m.name} has the name of a dimension`, path: [...at, 'name'] });
      if (m.type === 'count') {
        if (m.field) ctx.addIssue({ code: 'custom', message: 'a count metric counts rows and takes no field', path: [...at, 'field'] });
        return;
      }
      if (!m.field) return ctx.addIssue({ code: 'custom', message: `a ${m.type} metric needs a field`, path: [...at, 'field'] });
      if (!numeric.has(m.field))
        ctx.addIssue({
          code: 'custom',
          message: dims.has(m.field) ? `${m.field} is a dimension: it cannot roll up as ${m.type}` : `unknown field ${m.field}`,
          path: [...at, 'field'],
        });
    });
  });

export type DatasourceInput = z.input<typeof DatasourceSchema>;
export type Datasource = z.output<typeof DatasourceSchema>;
