/**
 * What a live refresh has to tell a chart that is already drawn. A new answer to the same view
 * usually changes only numbers: series data, the moving time window (axis min and max) and the
 * tooltip's closures over them. Sending ECharts only those, merged into its current option by
 * series id, spares it re-reading every component and laying the chart out again.
 */
import type { ChartOption } from './chart-options';

/** Option keys whose values move with the data; everything else is the chart's shape. */
const MOVING = new Set(['data', 'min', 'max']);

type Json = unknown;

/** The option without its moving parts (functions count as moving: they close over the data). */
export function chartShape(option: ChartOption): string {
  return JSON.stringify(option, (key, value: Json) => (MOVING.has(key) || typeof value === 'function' ? undefined : value));
}

const isObject = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Only the moving parts, with the ids and array positions ECharts merges them by. */
function moving(value: Json): Json {
  if (Array.isArray(value)) {
    const items = value.map(moving);
    // Nothing moves in it (a border radius [0, 3, 3, 0], a dash pattern): not in the patch at all.
    // Sent as holes it would replace the numbers with undefined, and ECharts would draw no bars.
    return items.some((i) => i !== undefined && !(isObject(i) && Object.keys(i).length === 0)) ? items : undefined;
  }
  if (!isObject(value)) return undefined;
  const out: Record<string, Json> = {};
  for (const [key, v] of Object.entries(value)) {
    if (MOVING.has(key) || typeof v === 'function') out[key] = v;
    else if (key === 'id') out[key] = v;
    else if (v !== null && typeof v === 'object') {
      const inner = moving(v);
      if (inner !== undefined && (Array.isArray(inner) || Object.keys(inner as object).length > 0)) out[key] = inner;
    }
  }
  return out;
}

/**
 * The patch that turns a chart drawn with `before` into `after`, or null when the shape changed
 * (a series came or went, a style or a legend changed): then the whole option has to be set.
 */
export function livePatch(before: ChartOption, after: ChartOption): ChartOption | null {
  if (chartShape(before) !== chartShape(after)) return null;
  return moving(after) as ChartOption;
}
