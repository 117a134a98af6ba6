import { z } from 'zod';
import { COMPARE_SHIFTS, GRAINS, MAX_POINTS, RELATIVE_RANGES } from './time';
import { canonicalZone, isTimeZone } from './zones';

/** Bounds that keep a view cheap to validate, encode and query. */
export const LIMITS = {
  filters: 20,
  valuesPerFilter: 100,
  valueLength: 200,
  topN: 50,
  /** No view may span more than this, whatever the dashboard allows. */
  maxSpanDays: 400,
} as const;

/** Dimension and measure names: config identifiers, never free text. */
export const NameSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a lowercase identifier');

/** An ISO 8601 instant with an offset, spelled in UTC (…Z). */
export const IsoInstant = z.iso
  .datetime({ offset: true })
  // One spelling per instant so the URL, the cache key and equality agree.
  .transform((s) => new Date(s).toISOString());

export const RelativeRangeSchema = z
  .strictObject({ last: z.enum(RELATIVE_RANGES) })
  .describe('Relative (live): the last ISO 8601 duration up to the tenant’s newest complete data.');

export const AbsoluteRangeSchema = z
  .strictObject({ start: IsoInstant, end: IsoInstant })
  .refine((r) => Date.parse(r.end) > Date.parse(r.start), { message: 'end must be after start', path: ['end'] })
  .refine((r) => Date.parse(r.end) - Date.parse(r.start) <= LIMITS.maxSpanDays * 86_400_000, {
    message: `range may span at most ${LIMITS.maxSpanDays} days`,
    path: ['end'],
  })
  .describe(
    `Absolute (pinned): the half-open interval [start, end). end must be after start; the span may be at most ${LIMITS.maxSpanDays} days, ` +
      'and at most the dashboard’s maxSpanDays.',
  );

/** Exactly one of the two shapes (strict objects with disjoint keys): `last`, or `start` with `end`. */
export const RangeSchema = z.union([RelativeRangeSchema, AbsoluteRangeSchema]);

export const FILTER_OPS = ['in', 'not_in', 'contains'] as const;

export const FilterSchema = z.strictObject({
  dim: NameSchema,
  op: z.enum(FILTER_OPS),
  values: z
    .array(
      z
        .string()
        .max(LIMITS.valueLength)
        // No stored dimension value holds a NUL, and the app-state database cannot keep one in a saved view or report.
        // eslint-disable-next-line no-control-regex -- the point is to refuse NUL
        .regex(/^[^\u0000]*$/, 'no NUL characters'),
    )
    .min(1)
    .max(LIMITS.valuesPerFilter),
});

export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
  // Old links (Asia/Calcutta) become today's name (Asia/Kolkata): one URL and cache entry per zone.
  .transform((tz) => canonicalZone(tz)!)
  .describe('IANA time zone (tz database name such as Europe/Berlin; old names such as Asia/Calcutta are read as today’s); buckets and days follow its clock.');

export const SortSchema = z.strictObject({ by: NameSchema, dir: z.enum(['asc', 'desc']) });

export const ViewSchema = z
  .strictObject({
    range: RangeSchema,
    tz: TimeZoneSchema.default('UTC'),
    grain: z
      .enum(['auto', ...GRAINS])
      .default('auto')
      .describe(`Bucket size; auto keeps a chart at ${MAX_POINTS} points or fewer.`),
    filters: z
      .array(FilterSchema)
      .max(LIMITS.filters)
      .default([])
      .describe(`Each on one of the dashboard’s dimensions; repeated (dim, op) pairs merge, at most ${LIMITS.valuesPerFilter} values each.`),
    compare: z.enum(['none', 'previous', ...COMPARE_SHIFTS]).default('none').describe('previous: the span before; a duration: the same window that much earlier.'),
    /** Absent: the panel's own split. null: no split. */
    split: NameSchema.nullable().optional(),
    limit: z.int().min(1).max(LIMITS.topN).default(10),
    sort: SortSchema.optional(),
  })
  .transform(normalizeView)
  .refine((v) => v.filters.every((f) => f.values.length <= LIMITS.valuesPerFilter), {
    message: `a filter may hold at most ${LIMITS.valuesPerFilter} values`,
    path: ['filters'],
  });

export type ViewInput = z.input<typeof ViewSchema>;
export type View = z.output<typeof ViewSchema>;
export type Filter = z.infer<typeof FilterSchema>;
export type Range = View['range'];
export type Compare = View['compare'];

/** Merges repeated (dim, op) filters and repeated values, keeping first-seen order. */
function normalizeView<T extends { filters: Filter[] }>(view: T): T {
  const merged = new Map<string, Filter>();
  for (const f of view.filters) {
    const key = `${f.op}\u0000${f.dim}`;
    const prev = merged.get(key);
    merged.set(key, { ...f, values: [...new Set([...(prev?.values ?? []), ...f.values])] });
  }
  return { ...view, filters: [...merged.values()] };
}

export function isRelative(range: Range): range is { last: (typeof RELATIVE_RANGES)[number] } {
  return 'last' in range;
}

export const DEFAULT_VIEW: View = ViewSchema.parse({ range: { last: 'P1D' } });
