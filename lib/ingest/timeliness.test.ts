import { describe, expect, it } from 'vitest';
import { listDatasources } from '@/lib/dashboards/registry';
import { supervisorSpec } from './druid-spec';
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

  it('gives Druid the same bounds in every generated supervisor spec', () => {
    const datasources = listDatasources();
    expect(datasources.length).toBeGreaterThan(0);
    for (const ds of datasources) {
      const io = (supervisorSpec(ds, { bootstrap: 'kafka:9092' }) as { spec: { ioConfig: Record<string, unknown> } }).spec.ioConfig;
      expect(io.earlyMessageRejectionPeriod, ds.id).toBe(isoPeriod(DEFAULT_TIMELINESS.maxFutureMs));
      expect(io.lateMessageRejectionPeriod, ds.id).toBe(isoPeriod(DEFAULT_TIMELINESS.maxLateMs));
    }
  });
});
