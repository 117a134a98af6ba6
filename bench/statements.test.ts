import { describe, expect, it } from 'vitest';
import { phases, type Statement } from './statements';

const st = (sql: string, started: number, ended: number): Statement => ({ query: { sql, params: [] }, started, ended });

describe('phases of recorded statements', () => {
  it('keeps concurrent statements together and starts a phase after a statement that waited', () => {
    const got = phases([st('main', 12, 20), st('top', 0, 10), st('compare', 12.5, 18)]);
    expect(got.map((p) => p.map((q) => q.sql))).toEqual([['top'], ['main', 'compare']]);
  });

  it('gives one phase to a single statement and none to nothing', () => {
    expect(phases([st('only', 1, 2)]).map((p) => p.map((q) => q.sql))).toEqual([['only']]);
    expect(phases([])).toEqual([]);
  });
});
