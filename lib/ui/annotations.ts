/**
 * Annotations on a time-series panel, as marks: which of them concern the panel (its datasource,
 * the view's filters) and the ECharts marks that draw them (a line for a moment, a band for a
 * range; alerts in their own colour). Pure, so the component and the tests build the same marks.
 */
import type { LineSeriesOption } from 'echarts/charts';
import type { Annotation } from '@/lib/contract/annotations';
import type { Filter } from '@/lib/view/schema';
import type { ChartOption, ChartTheme } from './chart-options';
import { toWall } from './local-time';

/** The series that carries the marks: it has no points of its own. */
export const MARKS_SERIES_ID = 'marks';

/** Whether the view's filters leave the annotation's dimension value in (an annotation without one is everywhere). */
function filtersKeep(filters: readonly Filter[], dimension: string | null, value: string | null): boolean {
  if (dimension === null || value === null) return true;
  return filters
    .filter((f) => f.dim === dimension)
    .every((f) => {
      if (f.op === 'in') return f.values.includes(value);
      if (f.op === 'not_in') return !f.values.includes(value);
      // contains: case-insensitive, any of the values (as lib/query compiles it).
      return f.values.some((v) => value.toLowerCase().includes(v.toLowerCase()));
    });
}

/** The annotations a panel over `datasource` shows for this view and interval, by start time. */
export function panelAnnotations(all: readonly Annotation[], datasource: string, filters: readonly Filter[], interval: { start: number; end: number }): Annotation[] {
  return all
    .filter((a) => a.kind === 'alert' || (a.datasource === datasource && filtersKeep(filters, a.dimension, a.value)))
    .filter((a) => {
      const start = Date.parse(a.start);
      const end = a.end === null ? start : Date.parse(a.end);
      return start < interval.end && end >= interval.start;
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}

/** A mark's label (hover or tap): shortened, the details dialog has the whole text. */
const LABEL_CHARS = 60;
const short = (text: string) => (text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text);
const caption = (a: Annotation) => (a.kind === 'alert' ? `Alert: ${short(a.text)}` : short(a.text));

export type AnnotationMarks = {
  /** The series to add to the chart's option. */
  series: LineSeriesOption;
  /** The annotation of each mark, by its index in markLine and markArea data (clicks name those). */
  lines: Annotation[];
  areas: Annotation[];
};

/**
 * Moments as vertical lines, ranges as bands, at wall-clock times of the view's zone (as the
 * lines are drawn). A mark shows its text on hover or tap; a click opens its details (the
 * component maps the click back through `lines` and `areas`).
 */
export function annotationMarks(list: readonly Annotation[], tz: string, theme: ChartTheme): AnnotationMarks {
  const colour = (a: Annotation) => (a.kind === 'alert' ? theme.alert : theme.note);
  const lines = list.filter((a) => a.end === null);
  const areas = list.filter((a) => a.end !== null);
  const label = { show: false, color: theme.text, backgroundColor: theme.tooltipBg, borderColor: theme.tooltipBorder, borderWidth: 1, padding: [2, 4], fontSize: 11 };
  return {
    lines,
    areas,
    series: {
      type: 'line',
      id: MARKS_SERIES_ID,
      data: [],
      markLine: {
        symbol: ['none', 'circle'],
        symbolSize: 7,
        animation: false,
        data: lines.map((a) => ({
          id: a.id,
          name: caption(a),
          xAxis: toWall(Date.parse(a.start), tz),
          lineStyle: { color: colour(a), width: 1.5, type: a.kind === 'alert' ? 'solid' : 'dashed' },
          itemStyle: { color: colour(a) },
          label: { ...label, formatter: '{b}', position: 'insideEndTop' },
          emphasis: { label: { show: true } },
        })),
      },
      markArea: {
        animation: false,
        data: areas.map((a) => [
          {
            id: a.id,
            name: caption(a),
            xAxis: toWall(Date.parse(a.start), tz),
            itemStyle: { color: colour(a), opacity: 0.12, borderColor: colour(a), borderWidth: 1, borderType: 'dashed' },
            label: { ...label, position: 'insideTop' },
            emphasis: { label: { show: true } },
          },
          { xAxis: toWall(Date.parse(a.end!), tz) },
        ]),
      },
    },
  };
}

/** The chart's option with the marks' series added (none when there is nothing to mark). */
export function withMarks(option: ChartOption, marks: AnnotationMarks | null): ChartOption {
  if (!marks || marks.lines.length + marks.areas.length === 0) return option;
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  return { ...option, series: [...series, marks.series] };
}

/** The annotation ids the marks draw, in mark order: what a panel says it shows (data-annotations), before its option is built. */
export function markedIds(marks: AnnotationMarks | null): string[] {
  return marks ? [...marks.lines, ...marks.areas].map((a) => a.id) : [];
}
