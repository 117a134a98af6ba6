import { describe, expect, it } from 'vitest';
import { PanelSchema } from '@/lib/dashboards/schema';
import { clampSpan, emptyDraft, measuresFor, movePanel, newPanel, panelKinds, toDocument } from './builder';

const catalog = {
  datasource: 'cluster_metrics',
  dimensions: [{ id: 'cluster', label: 'Cluster' }],
  measures: [{ id: 'events', label: 'Events', format: 'count' as const, type: 'count' as const }],
  maxSpanDays: 30,
};

describe('the builder', () => {
  it("offers the schema's panel types, each with the fields it takes", () => {
    const kinds = panelKinds();
    expect(kinds.map((k) => k.type)).toEqual(PanelSchema.options.map((o) => [...o.shape.type.values][0]));
    expect(kinds.find((k) => k.type === 'timeseries')!.fields).toEqual([
      { key: 'measure', required: true },
      { key: 'split', required: false },
    ]);
  });

  it('makes panels the schema accepts, with ids of their own', () => {
    let draft = emptyDraft(catalog);
    for (const kind of panelKinds()) draft = { ...draft, panels: [...draft.panels, newPanel(kind, draft, kind.type)] };
    expect(draft.panels.map((p) => p.id)).toEqual(panelKinds().map((_, i) => `p${i + 1}`));
    for (const p of toDocument(draft).panels as object[]) expect(PanelSchema.safeParse(p).success).toBe(true);
  });

  it('fills percentile lines with a quantile measure and a heatmap with a count or sum', () => {
    const measures = [
      { id: 'latency_avg', label: 'Avg', format: 'ms' as const, type: 'avg' as const, field: 'latency_ms' },
      { id: 'p95', label: 'p95', format: 'ms' as const, type: 'quantile' as const, field: 'latency_ms', p: 0.95 },
      { id: 'events', label: 'Events', format: 'count' as const, type: 'count' as const },
    ];
    const draft = emptyDraft({ ...catalog, measures });
    const kind = (type: string) => panelKinds().find((k) => k.type === type)!;
    expect(newPanel(kind('percentiles'), draft, 'P').measure).toBe('p95');
    expect(newPanel(kind('heatmap'), draft, 'H').measure).toBe('events');
    expect(newPanel(kind('timeseries'), draft, 'T').measure).toBe('latency_avg');
    expect(measuresFor('percentiles', measures).map((m) => m.id)).toEqual(['p95']);
  });

  it('moves and sizes panels within the grid', () => {
    expect(movePanel(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(movePanel(['a', 'b', 'c'], 2, -5)).toEqual(['c', 'a', 'b']);
    expect([clampSpan(0), clampSpan(2.6), clampSpan(9)]).toEqual([1, 3, 4]);
  });
});
