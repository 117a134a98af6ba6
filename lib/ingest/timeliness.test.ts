import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMELINESS, isoPeriod, judge } from './timeliness';

const NOW = Date.parse('2026-12-03T12:00:00Z');

describe('ingest timeliness', () => {
  it('takes events within the bounds and holds back the rest', () => {
    const t = DEFAULT_TIMELINESS;
    expect(judge(NOW, NOW, t)).toBe('take');
    expect(judge(NOW + t.maxFutureMs, NOW, t)).toBe('take');
    expect(judge(NOW + t.maxFutureMs + 1, NOW, t)).toBe('future');
    expect(judge(NOW - t.maxLateMs, NOW, t)).toBe('take');
    expect(judge(NOW - t.maxLateMs - 1, NOW, t)).toBe('late');
  });

  it('gives Druid the same bounds in every supervisor spec', () => {
    const dir = 'stack/druid/supervisors';
    const specs = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(specs.length).toBeGreaterThan(0);
    for (const file of specs) {
      const io = JSON.parse(readFileSync(join(dir, file), 'utf8')).spec.ioConfig;
      expect(io.earlyMessageRejectionPeriod, file).toBe(isoPeriod(DEFAULT_TIMELINESS.maxFutureMs));
      expect(io.lateMessageRejectionPeriod, file).toBe(isoPeriod(DEFAULT_TIMELINESS.maxLateMs));
    }
  });
});
