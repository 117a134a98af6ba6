import { z } from 'zod';
import { NameSchema } from '@/lib/view/schema';
import type { Datasource, Rollup } from './datasource-schema';

/**
 * Measures are typed aggregates over a datasource's event fields, never SQL: the query compiler
 * turns each into the SQL of either engine, over the same rolled-up columns on both, so one
 * declaration means the same number on both.
 */
export const FORMATS = ['count', 'number', 'bytes', 'ms', 'percent', 'celsius', 'fahrenheit'] as const;
export type Format = (typeof FORMATS)[number];

/** Only rows whose dimension holds one of the values count (e.g. failures: result = 'failure'). */
export const MeasureFilterSchema = z.strictObject({
  dimension: NameSchema,
  in: z.array(z.string().regex(/^[^\p{Cc}]{1,200}$/u, 'must be 1-200 printable characters')).min(1).max(20),
});
export type MeasureFilter = z.output<typeof MeasureFilterSchema>;

const Base = {
  id: NameSchema,
  label: z.string().min(1),
  format: z.enum(FORMATS),
  /** Whether "up" is good news, for colouring KPI changes. */
  higherIsBetter: z.boolean().optional(),
  per: z
    .enum(['second', 'bucket'])
    .optional()
    .describe('How a count or sum is drawn over time: per second (the default: a rate, the same at any grain) or per bucket (totals, for counts of rare things such as alerts, whose rates would read 0/s).'),
};
const filter = MeasureFilterSchema.optional();

/** A measure as the browser sees it: how to label and format it, never how it aggregates. */
export const PublicMeasureSchema = z.object({ ...Base, approximate: z.boolean() });

export const FIELD_AGGREGATES = ['sum', 'min', 'max', 'avg', 'distinct'] as const;

export const MeasureSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...Base, type: z.literal('count'), filter }),
  z.strictObject({ ...Base, type: z.enum(FIELD_AGGREGATES), field: NameSchema, filter }),
  z.strictObject({ ...Base, type: z.literal('quantile'), field: NameSchema, p: z.number().gt(0).lt(1), filter }),
  z.strictObject({ ...Base, type: z.literal('ratio'), numerator: NameSchema, denominator: NameSchema }),
]);
export type MeasureDecl = z.output<typeof MeasureSchema>;
export type MeasureInput = z.input<typeof MeasureSchema>;
type OperandDecl = Exclude<MeasureDecl, { type: 'ratio' }>;

/** One aggregate, resolved against its datasource: what each engine aggregates. */
export type Operand = {
  type: OperandDecl['type'];
  /** The event field it aggregates; null for count. */
  field: string | null;
  p: number | null;
  filter: MeasureFilter | null;
  /** The column both engines hold for it (a rolled-up metric, a dimension, or the raw field without rollup), the rollup's count column (null: raw rows, COUNT(*)), and whether it holds doubles. */
  stored: { column: string | null; count: string | null; double: boolean };
  /**
   * Ask for the values a distinct count or a quantile reads (each distinct value once; every
   * value) instead of the measure: lists merge exactly across reads where the measure does not.
   * The embedded engine only (lib/service/partials.ts).
   */
  values?: true;
};
export type Aggregate = Operand | { type: 'ratio'; numerator: Operand; denominator: Operand };

export type Measure = {
  id: string;
  label: string;
  format: Format;
  higherIsBetter?: boolean;
  per?: 'second' | 'bucket';
  /** Druid answers with a sketch: results agree with the embedded engine within a tolerance. */
  approximate: boolean;
  aggregate: Aggregate;
};

export type Issue = { path: (string | number)[]; message: string };

/** The rollup each aggregate needs to be answered from rolled-up rows. */
const NEEDS: Record<Exclude<OperandDecl['type'], 'count' | 'distinct'>, Rollup> = { sum: 'sum', min: 'min', max: 'max', avg: 'sum', quantile: 'quantiles' };

function resolveOperand(d: OperandDecl, ds: Datasource, issue: (path: (string | number)[], message: string) => void): Operand {
  const rolled = ds.granularity !== 'none';
  const countColumn = rolled ? (ds.metrics.find((m) => m.type === 'count')?.name ?? null) : null;
  const dims = new Set(ds.dimensions.map((x) => x.name));
  if (d.filter && !dims.has(d.filter.dimension)) issue(['filter', 'dimension'], `unknown dimension ${d.filter.dimension} in datasource ${ds.id}`);
  const operand: Operand = { type: d.type, field: null, p: null, filter: d.filter ?? null, stored: { column: null, count: countColumn, double: false } };
  if (d.type === 'count') return operand;
  if (d.type === 'quantile') operand.p = d.p;
  operand.field = d.field;
  const numeric = ds.fields.find((f) => f.name === d.field);
  if (dims.has(d.field) && d.type !== 'distinct') {
    issue(['field'], `${d.field} is a dimension: a ${d.type} measure needs a numeric field`);
    return operand;
  }
  if (!numeric && !dims.has(d.field)) {
    issue(['field'], `unknown field ${d.field} in datasource ${ds.id}`);
    return operand;
  }
  // Distinct counts are of dimensions only: a dimension survives rollup, so Druid sketches it at
  // query time (a pre-built HLLSketchBuild column drops out of Druid 33's SQL schema once realtime
  // segments persist, apache/druid#14315), and a numeric field is summed away by rollup.
  if (d.type === 'distinct' && !dims.has(d.field)) {
    issue(['field'], `${d.field} is a numeric field: a distinct measure counts the values of a dimension`);
    return operand;
  }
  operand.stored.double = numeric?.type === 'double';
  if (!rolled || d.type === 'distinct') {
    operand.stored.column = d.field;
    return operand;
  }
  const need = NEEDS[d.type];
  const metric = ds.metrics.find((m) => m.type === need && m.field === d.field);
  if (!metric) issue(['field'], `datasource ${ds.id} does not roll up ${d.field} as ${need}, so no engine can answer a ${d.type} of it`);
  operand.stored.column = metric?.name ?? null;
  return operand;
}

const isApproximate = (o: Operand) => o.type === 'distinct' || o.type === 'quantile';

/** Resolves a dashboard's measures against its datasource; problems come back with their path. */
export function resolveMeasures(decls: MeasureDecl[], ds: Datasource): { measures: Measure[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const operands = new Map<string, Operand>();
  decls.forEach((d, i) => {
    if (d.type !== 'ratio') operands.set(d.id, resolveOperand(d, ds, (path, message) => issues.push({ path: [i, ...path], message })));
  });
  const measures = decls.map((d, i): Measure => {
    const { id, label, format, higherIsBetter, per } = d;
    const base = { id, label, format, ...(higherIsBetter === undefined ? {} : { higherIsBetter }), ...(per === undefined ? {} : { per }) };
    if (d.type !== 'ratio') {
      const aggregate = operands.get(d.id)!;
      return { ...base, approximate: isApproximate(aggregate), aggregate };
    }
    const side = (key: 'numerator' | 'denominator') => {
      const o = operands.get(d[key]);
      if (!o) issues.push({ path: [i, key], message: `${d[key]} is not a measure of this dashboard (a ratio's parts are count, sum, min, max, avg, distinct or quantile measures)` });
      return o ?? { type: 'count' as const, field: null, p: null, filter: null, stored: { column: null, count: null, double: false } };
    };
    const aggregate = { type: 'ratio' as const, numerator: side('numerator'), denominator: side('denominator') };
    return { ...base, approximate: isApproximate(aggregate.numerator) || isApproximate(aggregate.denominator), aggregate };
  });
  return { measures, issues };
}

type Unlabelled<T> = T extends unknown ? Omit<T, 'label' | 'format'> : never;

/** Measures built in code (typeahead counts, alert lists, test fixtures); a mistake there is ours, so it throws. */
export function codeMeasures(ds: Datasource, decls: Unlabelled<MeasureDecl>[]): Measure[] {
  const { measures, issues } = resolveMeasures(decls.map((d) => ({ label: d.id, format: 'number', ...d }) as MeasureDecl), ds);
  if (issues.length) throw new Error(`measures over ${ds.id}: ${issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  return measures;
}

export function codeMeasure(ds: Datasource, decl: Unlabelled<OperandDecl>): Measure {
  return codeMeasures(ds, [decl])[0]!;
}
