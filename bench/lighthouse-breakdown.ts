// Where a Lighthouse run's main-thread time goes: per script (bootup-time), per kind of work
// (mainthread-work-breakdown), the long tasks with the script Lighthouse blames for each, and
// the bytes per script (script-treemap-data). Kept beside the scores so a change of TBT can be
// traced to the script and phase that moved.
import { median, round } from './report';

type Item = Record<string, unknown>;
type TreemapNode = { name: string; resourceBytes?: number; unusedBytes?: number; children?: TreemapNode[] };
export type BreakdownReport = { audits: Record<string, { details?: { items?: Item[]; nodes?: TreemapNode[] } }> };

export type Breakdown = {
  /** Per script: all its main-thread time, the part evaluating it, and parsing and compiling it (ms). */
  bootup: Record<string, { totalMs: number; scriptingMs: number; parseMs: number }>;
  /** Per kind of work (script evaluation, style and layout, rendering, parsing HTML…), ms. */
  mainThread: Record<string, number>;
  longTasks: { url: string; startMs: number; ms: number }[];
  /** Per script file: transferred size and how much of it never ran during the load (KiB). */
  scripts: { name: string; kib: number; unusedKiB: number }[];
};

/** Same-origin URLs by path (the port differs from run to run), others as they are. */
function short(url: unknown, origin: string): string {
  const s = String(url ?? '');
  return s.startsWith(origin) ? s.slice(origin.length) || '/' : s;
}

const kib = (bytes: number | undefined) => round((bytes ?? 0) / 1024, 1);

export function breakdown(lh: BreakdownReport, origin: string): Breakdown {
  const items = (id: string) => lh.audits[id]?.details?.items ?? [];
  const ms = (x: unknown) => round(Number(x ?? 0), 0);
  return {
    bootup: Object.fromEntries(
      items('bootup-time').map((i) => [short(i.url, origin), { totalMs: ms(i.total), scriptingMs: ms(i.scripting), parseMs: ms(i.scriptParseCompile) }]),
    ),
    mainThread: Object.fromEntries(items('mainthread-work-breakdown').map((i) => [String(i.groupLabel ?? i.group), ms(i.duration)])),
    longTasks: items('long-tasks').map((i) => ({ url: short(i.url, origin), startMs: ms(i.startTime), ms: ms(i.duration) })),
    scripts: (lh.audits['script-treemap-data']?.details?.nodes ?? [])
      .map((n) => ({ name: short(n.name, origin), kib: kib(n.resourceBytes), unusedKiB: kib(n.unusedBytes) }))
      .sort((a, b) => b.kib - a.kib),
  };
}

/** Per key, the median over runs (a key missing from a run counts as 0 there). */
function medianBy(runs: Record<string, number>[]): Record<string, number> {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k] ?? 0))] as const).sort((a, b) => b[1] - a[1]));
}

/** The median breakdown of several runs of one page; long tasks are listed per run. */
export function medianBreakdown(runs: Breakdown[]) {
  const field = (f: 'totalMs' | 'scriptingMs' | 'parseMs') => runs.map((r) => Object.fromEntries(Object.entries(r.bootup).map(([url, b]) => [url, b[f]])));
  const total = medianBy(field('totalMs'));
  const scripting = medianBy(field('scriptingMs'));
  const parse = medianBy(field('parseMs'));
  return {
    bootupMs: Object.fromEntries(Object.entries(total).map(([url, t]) => [url, { total: t, scripting: scripting[url] ?? 0, parse: parse[url] ?? 0 }])),
    mainThreadMs: medianBy(runs.map((r) => r.mainThread)),
    longTasksPerRun: runs.map((r) => r.longTasks),
    scripts: runs[0]?.scripts ?? [],
  };
}
