/**
 * The page URL form of a view (version 1). Readable and short: defaults are left out,
 * each filter value is its own `op.dim=value` pair, so any character survives the trip
 * through URLSearchParams and no escaping scheme of our own is needed.
 *
 *   v=1&r=P7D&tz=Europe%2FBerlin&g=PT1H&cmp=P1W&split=country&n=5&sort=-bytes_in
 *   &in.country=DE&in.country=FR&contains.user=ann
 */
import { FILTER_OPS, ViewSchema, isRelative, type View } from './schema';

export const URL_VERSION = '1';

const SCALAR_KEYS = new Set(['v', 'r', 'from', 'to', 'tz', 'g', 'cmp', 'split', 'n', 'sort']);
const NO_SPLIT = '-';

export type DecodeResult =
  | { ok: true; view: View }
  | { ok: false; error: { message: string; path: string } };

export function encodeView(view: View): string {
  const p = new URLSearchParams();
  p.set('v', URL_VERSION);
  if (isRelative(view.range)) p.set('r', view.range.last);
  else {
    p.set('from', view.range.start);
    p.set('to', view.range.end);
  }
  p.set('tz', view.tz);
  if (view.grain !== 'auto') p.set('g', view.grain);
  if (view.compare !== 'none') p.set('cmp', view.compare);
  if (view.split !== undefined) p.set('split', view.split ?? NO_SPLIT);
  if (view.limit !== 10) p.set('n', String(view.limit));
  if (view.sort) p.set('sort', `${view.sort.dir === 'desc' ? '-' : ''}${view.sort.by}`);
  for (const f of view.filters) for (const value of f.values) p.append(`${f.op}.${f.dim}`, value);
  return p.toString();
}

/** Parses a query string; `defaults` fill in what the URL leaves out (e.g. the viewer's tz). */
export function decodeView(
  search: string | URLSearchParams,
  defaults: { tz?: string; range?: View['range'] } = {},
): DecodeResult {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const version = p.get('v');
  if (version !== null && version !== URL_VERSION) {
    return fail(`unsupported view version ${JSON.stringify(version)}`, 'v');
  }
  const input: Record<string, unknown> = {};
  const filters: { dim: string; op: string; values: string[] }[] = [];
  for (const [key, value] of p) {
    if (SCALAR_KEYS.has(key)) {
      if (p.getAll(key).length > 1) return fail(`parameter ${key} is repeated`, key);
      continue;
    }
    const dot = key.indexOf('.');
    const op = key.slice(0, dot);
    if (dot < 0 || !(FILTER_OPS as readonly string[]).includes(op)) return fail(`unknown parameter ${key}`, key);
    const dim = key.slice(dot + 1);
    const existing = filters.find((f) => f.op === op && f.dim === dim);
    if (existing) existing.values.push(value);
    else filters.push({ dim, op, values: [value] });
  }
  const r = p.get('r');
  const from = p.get('from');
  const to = p.get('to');
  if (r !== null && (from !== null || to !== null)) return fail('use either r or from/to', 'r');
  if ((from === null) !== (to === null)) return fail('an absolute range needs both from and to', from === null ? 'from' : 'to');
  input.range = r !== null ? { last: r } : from !== null || to !== null ? { start: from, end: to } : defaults.range;
  input.tz = p.get('tz') ?? defaults.tz;
  input.grain = p.get('g') ?? undefined;
  input.compare = p.get('cmp') ?? undefined;
  const split = p.get('split');
  if (split !== null) input.split = split === NO_SPLIT ? null : split;
  const n = p.get('n');
  if (n !== null) input.limit = /^\d{1,3}$/.test(n) ? Number(n) : n;
  const sort = p.get('sort');
  if (sort !== null) input.sort = sort.startsWith('-') ? { by: sort.slice(1), dir: 'desc' } : { by: sort, dir: 'asc' };
  if (filters.length) input.filters = filters;
  if (input.range === undefined) input.range = { last: 'P1D' };

  const parsed = ViewSchema.safeParse(input);
  if (parsed.success) return { ok: true, view: parsed.data };
  const issue = parsed.error.issues[0]!;
  return fail(issue.message, urlKeyFor(issue.path));
}

function fail(message: string, path: string): DecodeResult {
  return { ok: false, error: { message, path } };
}

/** The URL parameter of a request body's view path (`view.grain` → `g`), for errors about a view that came as a URL. */
export function urlParameterFor(bodyPath: string): string {
  const [head, ...rest] = bodyPath.split('.');
  return head === 'view' ? urlKeyFor(rest) : bodyPath;
}

/** Maps a schema path back to the URL parameter a person would have to fix. */
function urlKeyFor(path: PropertyKey[]): string {
  const [head, sub] = path;
  if (head === 'range') return sub === 'start' ? 'from' : sub === 'end' ? 'to' : 'r';
  const keys: Record<string, string> = { tz: 'tz', grain: 'g', compare: 'cmp', split: 'split', limit: 'n', sort: 'sort', filters: 'filters' };
  return keys[String(head)] ?? String(head ?? '');
}
