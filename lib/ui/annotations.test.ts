import { describe, expect, it } from 'vitest';
import { AnnotationRequestSchema, type AlertNote, type Note } from '@/lib/contract/annotations';
import type { Filter } from '@/lib/view/schema';
import { annotationMarks, markedIds, panelAnnotations, withMarks } from './annotations';
import { testTheme } from './chart-theme.fixtures';

const T = Date.parse('2026-11-20T10:00:00Z');
const HOUR = 3_600_000;
const DAY = { start: T - 12 * HOUR, end: T + 12 * HOUR };
const iso = (ms: number) => new Date(ms).toISOString();

function note(id: string, patch: Partial<Note> = {}): Note {
  return { kind: 'note', id, datasource: 'cluster_metrics', start: iso(T), end: null, text: `note ${id}`, dimension: null, value: null, author: 'a@acme.test', canDelete: true, createdAt: iso(T), href: '/d/x', ...patch };
}
const alert: AlertNote = { kind: 'alert', id: 'login_spike@1', start: iso(T + HOUR), end: iso(T + 2 * HOUR), text: 'Failed logins 5x baseline', rule: 'login_spike', severity: 'critical', value: 120, href: '/d/y' };
const ids = (list: { id: string }[]) => list.map((a) => a.id);

describe('panelAnnotations', () => {
  it('keeps the notes of the panel’s datasource and every alert, by start time', () => {
    const list = [alert, note('b', { start: iso(T - HOUR) }), note('other', { datasource: 'logins' }), note('a')];
    expect(ids(panelAnnotations(list, 'cluster_metrics', [], DAY))).toEqual(['b', 'a', 'login_spike@1']);
  });

  it('shows a note with a dimension value only where the view’s filters keep that value', () => {
    const eu = note('eu', { dimension: 'cluster', value: 'eu-1' });
    const shown = (filters: Filter[]) => ids(panelAnnotations([eu, note('all')], 'cluster_metrics', filters, DAY));
    expect(shown([])).toEqual(['all', 'eu']);
    expect(shown([{ dim: 'cluster', op: 'in', values: ['eu-1', 'us-1'] }])).toEqual(['all', 'eu']);
    expect(shown([{ dim: 'cluster', op: 'in', values: ['us-1'] }])).toEqual(['all']);
    expect(shown([{ dim: 'cluster', op: 'not_in', values: ['eu-1'] }])).toEqual(['all']);
    expect(shown([{ dim: 'cluster', op: 'contains', values: ['EU'] }])).toEqual(['all', 'eu']);
    expect(shown([{ dim: 'cluster', op: 'contains', values: ['us'] }])).toEqual(['all']);
    // A filter on another dimension says nothing about this value.
    expect(shown([{ dim: 'broker', op: 'in', values: ['b1'] }])).toEqual(['all', 'eu']);
  });

  it('keeps what touches the interval: a range reaching in from before, not a moment after', () => {
    const list = [note('before', { start: iso(DAY.start - 2 * HOUR), end: iso(DAY.start + HOUR) }), note('after', { start: iso(DAY.end) }), note('gone', { start: iso(DAY.start - HOUR) })];
    expect(ids(panelAnnotations(list, 'cluster_metrics', [], DAY))).toEqual(['before']);
  });
});

describe('annotationMarks', () => {
  it('draws moments as lines and ranges as bands at the zone’s wall-clock time, alerts in their own colour', () => {
    const marks = annotationMarks([note('a'), alert], 'Europe/Berlin', testTheme);
    expect(ids(marks.lines)).toEqual(['a']);
    expect(ids(marks.areas)).toEqual(['login_spike@1']);
    const line = (marks.series.markLine!.data as { xAxis: number; name: string; lineStyle: { color: string } }[])[0]!;
    expect(line).toMatchObject({ xAxis: T + HOUR, name: 'note a', lineStyle: { color: testTheme.note } });
    const [from, to] = (marks.series.markArea!.data as [{ xAxis: number; name: string; itemStyle: { color: string } }, { xAxis: number }][])[0]!;
    expect(from).toMatchObject({ xAxis: T + 2 * HOUR, name: 'Alert: Failed logins 5x baseline', itemStyle: { color: testTheme.alert } });
    expect(to.xAxis).toBe(T + 3 * HOUR);
    expect(marks.series.data).toEqual([]);
  });

  it('shortens long texts on the chart; the details keep them whole', () => {
    const long = 'x'.repeat(200);
    const name = (annotationMarks([note('a', { text: long })], 'UTC', testTheme).series.markLine!.data as { name: string }[])[0]!.name;
    expect(name).toHaveLength(60);
    expect(name.endsWith('…')).toBe(true);
  });

  it('adds one series of them to the option, and name the annotations it draws', () => {
    const base = { series: [{ type: 'line' as const, id: 'cur:0', data: [] }] };
    const marks = annotationMarks([alert, note('a')], 'UTC', testTheme);
    const marked = withMarks(base, marks);
    expect((marked.series as { id: string }[]).map((s) => s.id)).toEqual(['cur:0', 'marks']);
    const drawn = marked.series as { markLine?: { data: { id: string }[] }; markArea?: { data: [{ id: string }][] } }[];
    expect([...(drawn[1]!.markLine?.data ?? []).map((d) => d.id), ...(drawn[1]!.markArea?.data ?? []).map((d) => d[0].id)]).toEqual(markedIds(marks));
    expect(markedIds(marks)).toEqual(['a', 'login_spike@1']);
    expect(withMarks(base, annotationMarks([], 'UTC', testTheme))).toBe(base);
    expect(markedIds(null)).toEqual([]);
  });
});

describe('AnnotationRequestSchema', () => {
  const ok = { datasource: 'cluster_metrics', start: '2026-11-20T11:00:00+01:00', text: ' Deploy ' };
  const pathOf = (body: object) => {
    const r = AnnotationRequestSchema.safeParse({ ...ok, ...body });
    return r.success ? null : r.error.issues[0]!.path.join('.');
  };

  it('normalizes times to UTC and trims the text', () => {
    expect(AnnotationRequestSchema.parse(ok)).toEqual({ datasource: 'cluster_metrics', start: '2026-11-20T10:00:00.000Z', text: 'Deploy' });
  });

  it('names the path of what is wrong', () => {
    expect(pathOf({ text: '' })).toBe('text');
    expect(pathOf({ text: 'tab\there' })).toBe('text');
    expect(pathOf({ text: 'y'.repeat(501) })).toBe('text');
    expect(pathOf({ text: 'y'.repeat(500) })).toBeNull();
    expect(pathOf({ end: '2026-11-20T10:00:00Z' })).toBe('end');
    expect(pathOf({ end: '2026-12-25T10:00:00Z' })).toBe('end');
    expect(pathOf({ value: 'eu-1' })).toBe('value');
    expect(pathOf({ dimension: 'cluster', value: 'eu-1' })).toBeNull();
    expect(pathOf({ dimension: 'Cluster', value: 'eu-1' })).toBe('dimension');
    expect(pathOf({ datasource: '../x' })).toBe('datasource');
  });
});
