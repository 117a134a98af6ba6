import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeView } from './codec';
import { bindLocked } from './locked';
import { ViewSchema, type Filter, type View } from './schema';

/** A small world, so random filters and rows often meet: two dimensions, a few values (case matters to `in`, not to `contains`). */
const DIMS = ['cluster', 'broker'] as const;
const VALUES = ['eu', 'us', 'EU', 'e', 'u', 'eu-1', ''];
type Row = Record<(typeof DIMS)[number], string | null>;

const valueArb = fc.constantFrom(...VALUES);
const filterArb: fc.Arbitrary<Filter> = fc.record({
  dim: fc.constantFrom(...DIMS),
  op: fc.constantFrom('in' as const, 'not_in' as const, 'contains' as const),
  values: fc.uniqueArray(valueArb, { minLength: 1, maxLength: 4 }),
});
const rowArb: fc.Arbitrary<Row> = fc.record({ cluster: fc.option(valueArb, { nil: null }), broker: fc.option(valueArb, { nil: null }) });

/** What lib/query/compile.ts makes of a filter, row by row (NULL never matches IN or contains; NOT IN keeps NULLs). */
function matches(row: Row, f: Filter): boolean {
  const v = row[f.dim as keyof Row];
  switch (f.op) {
    case 'in':
      return v !== null && f.values.includes(v);
    case 'not_in':
      return v === null || !f.values.includes(v);
    case 'contains':
      return v !== null && f.values.some((x) => v.toLowerCase().includes(x.toLowerCase()));
  }
}
const all = (row: Row, filters: readonly Filter[]) => filters.every((f) => matches(row, f));

/** Any request: a JSON body's view (normalized by the schema), or a shared URL decoded. */
const requestViewArb: fc.Arbitrary<View> = fc.oneof(
  fc.array(filterArb, { maxLength: 6 }).map((filters) => ViewSchema.parse({ range: { last: 'P1D' }, filters })),
  fc.array(fc.tuple(fc.constantFrom('in', 'not_in', 'contains'), fc.constantFrom(...DIMS), valueArb), { maxLength: 8 }).map((pairs) => {
    const decoded = decodeView(new URLSearchParams(pairs.map(([op, dim, v]) => [`${op}.${dim}`, v])));
    if (!decoded.ok) throw new Error(decoded.error.message);
    return decoded.view;
  }),
);

describe('locked filters bound to a view', () => {
  it('no request can widen them: every row the bound view keeps passes every locked filter', () => {
    fc.assert(
      fc.property(requestViewArb, fc.array(filterArb, { minLength: 1, maxLength: 3 }), fc.array(rowArb, { minLength: 1, maxLength: 20 }), (view, locked, rows) => {
        const bound = bindLocked(view, locked);
        for (const row of rows) if (all(row, bound.filters)) expect(all(row, locked)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('no request can remove them: each stays a filter of its own, verbatim, whatever the view says and after a trip through the URL', () => {
    fc.assert(
      fc.property(requestViewArb, fc.array(filterArb, { minLength: 1, maxLength: 3 }), (view, locked) => {
        const bound = bindLocked(view, locked);
        for (const f of locked) expect(bound.filters).toContainEqual(f);
        // The request's own filters still narrow the answer: nothing else about the view changes.
        expect({ ...bound, filters: [] }).toEqual({ ...view, filters: [] });
        for (const f of view.filters) expect(bound.filters.some((b) => b.dim === f.dim && b.op === f.op && [...b.values].sort().join() === [...f.values].sort().join())).toBe(true);
      }),
    );
  });

  it('merging them into the request as view filters would widen them (the mistake bindLocked avoids)', () => {
    const locked: Filter = { dim: 'cluster', op: 'in', values: ['eu'] };
    const request = ViewSchema.parse({ range: { last: 'P1D' }, filters: [{ dim: 'cluster', op: 'in', values: ['us'] }] });
    const merged = ViewSchema.parse({ ...request, filters: [...request.filters, locked] });
    const row: Row = { cluster: 'us', broker: null };
    expect(all(row, merged.filters)).toBe(true);
    expect(all(row, bindLocked(request, [locked]).filters)).toBe(false);
  });

  it('leaves a view without locked filters as it is', () => {
    const view = ViewSchema.parse({ range: { last: 'P1D' }, filters: [{ dim: 'cluster', op: 'in', values: ['us'] }] });
    expect(bindLocked(view, [])).toBe(view);
  });
});
