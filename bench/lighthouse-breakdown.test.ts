import { describe, expect, it } from 'vitest';
import { breakdown, medianBreakdown, type BreakdownReport } from './lighthouse-breakdown';

const ORIGIN = 'http://127.0.0.1:3314';

function lhReport(scale: number, extraScript = false): BreakdownReport {
  return {
    audits: {
      'bootup-time': {
        details: {
          items: [
            { url: `${ORIGIN}/_next/static/chunks/react.js`, total: 900 * scale, scripting: 850 * scale, scriptParseCompile: 20 },
            ...(extraScript ? [{ url: 'Unattributable', total: 100, scripting: 5, scriptParseCompile: 0 }] : []),
          ],
        },
      },
      'mainthread-work-breakdown': { details: { items: [{ group: 'scriptEvaluation', groupLabel: 'Script Evaluation', duration: 1000 * scale }] } },
      'long-tasks': { details: { items: [{ url: `${ORIGIN}/d/x`, startTime: 1000.4, duration: 120.6 }] } },
      'script-treemap-data': { details: { nodes: [{ name: `${ORIGIN}/a.js`, resourceBytes: 1024, unusedBytes: 512 }, { name: `${ORIGIN}/b.js`, resourceBytes: 4096 }] } },
    },
  };
}

describe('Lighthouse breakdown', () => {
  it('names scripts by path, rounds to whole ms and sorts scripts by size', () => {
    const b = breakdown(lhReport(1), ORIGIN);
    expect(b.bootup).toEqual({ '/_next/static/chunks/react.js': { totalMs: 900, scriptingMs: 850, parseMs: 20 } });
    expect(b.mainThread).toEqual({ 'Script Evaluation': 1000 });
    expect(b.longTasks).toEqual([{ url: '/d/x', startMs: 1000, ms: 121 }]);
    expect(b.scripts).toEqual([
      { name: '/b.js', kib: 4, unusedKiB: 0 },
      { name: '/a.js', kib: 1, unusedKiB: 0.5 },
    ]);
  });

  it('takes the median per script over runs, a script missing from a run counting as 0 there', () => {
    const m = medianBreakdown([breakdown(lhReport(1), ORIGIN), breakdown(lhReport(2, true), ORIGIN), breakdown(lhReport(3, true), ORIGIN)]);
    expect(m.bootupMs['/_next/static/chunks/react.js']).toEqual({ total: 1800, scripting: 1700, parse: 20 });
    expect(m.bootupMs.Unattributable).toEqual({ total: 100, scripting: 5, parse: 0 });
    expect(m.mainThreadMs).toEqual({ 'Script Evaluation': 2000 });
    expect(m.longTasksPerRun).toHaveLength(3);
  });
});
