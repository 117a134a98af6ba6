import { describe, expect, it } from 'vitest';
import { findDashboard, findPanel } from '@/lib/dashboards/registry';
import { compareAnswers } from './conformance';

const d = findDashboard('security-logins')!;
const kpi = [{ name: 'attempts', type: 'number' as const }, { name: 'users', type: 'number' as const }];
const split = [{ name: 't', type: 'time' as const }, { name: 'country', type: 'string' as const }, { name: 'failures', type: 'number' as const }];

describe('compareAnswers', () => {
  it('accepts equal answers in another row order, NULL "Other" rows included', () => {
    expect(compareAnswers(d, split, [[1, 'US', 5], [1, null, 2]], [[1, null, 2], [1, 'US', 5]])).toEqual([]);
  });

  it('requires exact counts and sums', () => {
    expect(compareAnswers(d, kpi, [[100, 10]], [[101, 10]])).toEqual([{ row: 0, column: 'attempts', left: 100, right: 101 }]);
  });

  it('allows the sketch tolerance only on approximate measures', () => {
    expect(d.measures.find((m) => m.id === 'users')?.approximate).toBe(true);
    expect(compareAnswers(d, kpi, [[100, 1000]], [[100, 1015]])).toEqual([]);
    expect(compareAnswers(d, kpi, [[100, 1000]], [[100, 1050]])).toHaveLength(1);
  });

  it('allows float rounding on ratios, not more', () => {
    const cols = [{ name: 'failure_rate', type: 'number' as const }];
    expect(compareAnswers(d, cols, [[0.1 + 0.2]], [[0.3]])).toEqual([]);
    expect(compareAnswers(d, cols, [[0.3]], [[0.3001]])).toHaveLength(1);
  });

  it('reports different row counts and strings', () => {
    expect(compareAnswers(d, split, [[1, 'US', 5]], [])[0]!.column).toBe('(row count)');
    expect(compareAnswers(d, split, [[1, 'US', 5]], [[1, 'DE', 5]])).toHaveLength(1);
    expect(findPanel(d, 'kpis')).toBeDefined();
  });
});
