import { describe, expect, it } from 'vitest';
import { publicDashboard } from './public';
import { findDashboard } from './registry';

const kinds = (id: string) => Object.fromEntries(publicDashboard(findDashboard(id)!).measures.map((m) => [m.id, m.kind]));

describe('measure kinds', () => {
  it('call counts and sums counters, distinct counts distinct, averages, extremes and quantiles gauges, ratios ratios', () => {
    expect(kinds('security-logins')).toEqual({ attempts: 'counter', failures: 'counter', failure_rate: 'ratio', users: 'distinct' });
    expect(kinds('building-sensors')).toEqual({ readings: 'counter', temp_c_avg: 'gauge', temp_f_avg: 'gauge', temp_c_max: 'gauge', temp_c_p95: 'gauge' });
    expect(kinds('cluster-overview')).toMatchObject({ bytes_in: 'counter', errors: 'counter', latency_avg: 'gauge', consumer_lag_max: 'gauge' });
  });
});
