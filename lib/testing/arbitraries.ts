/** fast-check generators for views, shared by codec, plan and fuzz tests. */
import fc from 'fast-check';
import { ViewSchema, type View } from '@/lib/view/schema';
import { COMPARE_SHIFTS, GRAINS, RELATIVE_RANGES } from '@/lib/view/time';

export const nameArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/);

/** Any text at all, unicode, commas, colons, ampersands, percent signs and empty strings included. */
export const valueArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(',', ':', '&', '=', '%', '+', ' ', '%2C', '-', '.', 'a.b', 'in.x=y', '🙂', 'Zürich', "O'Brien", '"; DROP TABLE x; --'),
);

const instantArb = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });

export const rangeArb = fc.oneof(
  fc.record({ last: fc.constantFrom(...RELATIVE_RANGES) }),
  fc.tuple(instantArb, fc.integer({ min: 60_000, max: 300 * 86_400_000 })).map(([start, span]) => ({
    start: new Date(start).toISOString(),
    end: new Date(start + span).toISOString(),
  })),
);

export const viewInputArb = fc.record(
  {
    range: rangeArb,
    tz: fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Argentina/Buenos_Aires'),
    grain: fc.constantFrom('auto' as const, ...GRAINS),
    filters: fc.array(
      fc.record({
        dim: nameArb,
        op: fc.constantFrom('in' as const, 'not_in' as const, 'contains' as const),
        values: fc.array(valueArb, { minLength: 1, maxLength: 5 }),
      }),
      { maxLength: 4 },
    ),
    compare: fc.constantFrom('none' as const, 'previous' as const, ...COMPARE_SHIFTS),
    split: fc.option(nameArb, { nil: undefined, freq: 3 }).chain((s) => (s === undefined ? fc.constantFrom(undefined, null) : fc.constant(s))),
    limit: fc.integer({ min: 1, max: 50 }),
    sort: fc.option(fc.record({ by: nameArb, dir: fc.constantFrom('asc' as const, 'desc' as const) }), { nil: undefined }),
  },
  { requiredKeys: ['range'] },
);

export const viewArb: fc.Arbitrary<View> = viewInputArb.map((input) => ViewSchema.parse(input));
