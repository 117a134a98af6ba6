/** POST /api/explain: what moved a measure between the compared period and now, value by value. */
import { z } from 'zod';
import { NameSchema, ViewSchema } from '@/lib/view/schema';
import { IntervalIso } from './schemas';

const Id = z.string().min(1).max(64);

export const ExplainRequestSchema = z.strictObject({
  dashboard: Id.describe('Dashboard id, as listed by GET /api/dashboards.'),
  panel: Id.describe('A panel showing the measure (a KPI, sparkline, time series, top-N or table).'),
  measure: NameSchema.optional().describe('Which of the panel’s measures; default its first.'),
  view: ViewSchema.describe('The view on screen. Its compare period is the “before” (the previous period when it compares nothing).'),
});

const ContributionSchema = z.object({
  value: z.string().nullable().describe('The dimension’s value; null: events without one.'),
  now: z.number().nullable().describe('The measure for this value now (a ratio: its own ratio; null without a denominator).'),
  before: z.number().nullable(),
  contribution: z.number().describe('Its part of the change, in the measure’s unit; a dimension’s contributions add up to `delta`.'),
  share: z.number().nullable().describe('contribution ÷ delta (null when nothing changed).'),
  numerator: z.number().optional().describe('A ratio’s contribution from its numerator (ΔNᵢ / D now).'),
  denominator: z.number().optional().describe('… and from its denominator (−ratio before × ΔDᵢ / D now).'),
});

export const ExplainResponseSchema = z.object({
  measure: z.object({ id: z.string(), label: z.string(), format: z.string() }),
  decomposition: z.enum(['sum', 'ratio']).describe('sum: counts and sums, each value’s own change; ratio: (ΔNᵢ − ratio before × ΔDᵢ) ÷ D now.'),
  compare: z.string().describe('The compare setting used.'),
  interval: IntervalIso,
  compareInterval: IntervalIso.describe('The compared stretch: while the period fills up, as long as the part of it that has data, as KPI tiles compare.'),
  now: z.number().nullable(),
  before: z.number().nullable(),
  delta: z.number().nullable().describe('now − before; null when a ratio has no denominator in a period (then nothing is ranked).'),
  dimensions: z.array(
    z.object({
      dimension: z.string(),
      label: z.string(),
      complete: z.boolean().describe(`false: the dimension has more values than were read, so its ranking covers only the largest.`),
      values: z.array(ContributionSchema).describe('The five largest contributions, largest first, whatever their sign.'),
    }),
  ),
  top: z.array(ContributionSchema.extend({ dimension: z.string() })).describe('The five largest contributions across dimensions.'),
  meta: z.object({
    engine: z.enum(['embedded', 'druid']),
    cache: z.enum(['hit', 'miss', 'stale']),
    ageMs: z.number(),
    queryMs: z.number(),
    dataUntil: z.iso.datetime(),
  }),
});

export type ExplainRequest = z.infer<typeof ExplainRequestSchema>;
export type ExplainResponse = z.infer<typeof ExplainResponseSchema>;
