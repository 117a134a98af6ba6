/**
 * A dashboard's headline for the dashboard list: the measure of its first time-series panel
 * over the last day, hourly and unsplit, in UTC so every viewer shares one cached answer;
 * drawn as a sparkline with the age of the data beside it.
 */
import { grainAllowed, type Limits } from '@/lib/dashboards/limits';
import type { Panel } from '@/lib/dashboards/schema';
import { ViewSchema, type View } from '@/lib/view/schema';

export function headlinePanel<P extends Pick<Panel, 'type'>>(panels: P[]): Extract<P, { type: 'timeseries' }> | undefined {
  return panels.find((p): p is Extract<P, { type: 'timeseries' }> => p.type === 'timeseries');
}

export function headlineView(limits: Limits): View {
  return ViewSchema.parse({ range: { last: 'P1D' }, tz: 'UTC', split: null, grain: grainAllowed(limits, 'PT1H') ? 'PT1H' : 'auto' });
}

/**
 * The values of the buckets that are complete: the one still filling (it ends after the newest
 * data) would end every line in a cliff and report a fraction of an hour as "the latest hour".
 */
export function completeValues(points: [t: number, value: number | null][], dataUntil: number, grainMs: number): (number | null)[] {
  return points.filter(([t]) => t + grainMs <= dataUntil).map(([, v]) => v);
}

/**
 * An SVG path through the values, scaled into width × height (y grows downwards), the lowest
 * value on the bottom edge; a missing value breaks the line instead of drawing a fake zero.
 */
export function sparklinePath(values: (number | null)[], width: number, height: number): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return '';
  const min = Math.min(...known);
  const span = Math.max(...known) - min;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    // A flat line sits in the middle rather than on the floor.
    const y = span === 0 ? height / 2 : height - ((v - min) / span) * height;
    path += `${pen ? 'L' : 'M'}${round(i * step)} ${round(y)}`;
    pen = true;
  });
  return path;
}
