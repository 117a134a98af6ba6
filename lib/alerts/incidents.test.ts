import { describe, expect, it } from 'vitest';
import { alertId, autoResolved, groupIncidents, ruleSource, thresholdOf, type AlertRow } from './incidents';

const MIN = 60_000;
const spike = (startMin: number, over: Partial<AlertRow> = {}): AlertRow => ({
  rule: 'login_spike',
  severity: 'warning',
  message: 'Failed logins from SG far above baseline',
  value: 50,
  threshold: 30,
  windowStart: startMin * MIN,
  windowEnd: (startMin + 5) * MIN,
  ...over,
});

describe('alert ids', () => {
  it('are the same for the same rule, window start and message, 22 base64url characters, and differ otherwise', () => {
    const id = alertId({ rule: 'login_spike', windowStart: 1_000, message: 'm' });
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(alertId({ rule: 'login_spike', windowStart: 1_000, message: 'm' })).toBe(id);
    expect(alertId({ rule: 'login_spike', windowStart: 1_001, message: 'm' })).not.toBe(id);
    expect(alertId({ rule: 'under_replicated', windowStart: 1_000, message: 'm' })).not.toBe(id);
    // Two consumers of one rule firing in the same window are two alerts.
    expect(alertId({ rule: 'login_spike', windowStart: 1_000, message: 'n' })).not.toBe(id);
  });

  it('cannot be confused by a separator inside the rule or message', () => {
    expect(alertId({ rule: 'a\n1', windowStart: 2, message: 'm' })).not.toBe(alertId({ rule: 'a', windowStart: 12, message: 'm' }));
  });
});

describe('grouping firing windows into incidents', () => {
  it('joins consecutive windows of one rule and message into one incident named by the first window', () => {
    const [one, ...rest] = groupIncidents([spike(10, { value: 70, severity: 'critical' }), spike(0), spike(5, { value: 40 })]);
    expect(rest).toEqual([]);
    expect(one).toMatchObject({ id: alertId(spike(0)), start: 0, end: 15 * MIN, windows: 3, windowMs: 5 * MIN, value: 70, severity: 'critical' });
  });

  it('keeps the highest severity and the latest window’s value and threshold', () => {
    const [one] = groupIncidents([spike(0, { severity: 'critical', value: 90 }), spike(5, { severity: 'warning', value: 35, threshold: 31 })]);
    expect(one).toMatchObject({ severity: 'critical', value: 35, threshold: 31 });
  });

  it('starts a new incident after a gap, and keeps other messages and rules apart; newest first', () => {
    const got = groupIncidents([spike(0), spike(6), spike(0, { message: 'other' }), spike(5, { rule: 'under_replicated' })]);
    expect(got.map((i) => [i.rule, i.message, i.start / MIN, i.end / MIN])).toEqual([
      ['login_spike', 'Failed logins from SG far above baseline', 6, 11],
      ['under_replicated', 'Failed logins from SG far above baseline', 5, 10],
      ['login_spike', 'Failed logins from SG far above baseline', 0, 5],
      ['login_spike', 'other', 0, 5],
    ]);
  });

  it('gives every incident the same id whatever order the rows come in', () => {
    const rows = [spike(0), spike(5), spike(20), spike(25), spike(3, { message: 'x' })];
    const ids = groupIncidents(rows).map((i) => i.id).sort();
    expect(groupIncidents([...rows].reverse()).map((i) => i.id).sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('automatic resolution', () => {
  const incident = { end: 15 * MIN, windowMs: 5 * MIN };
  it('resolves once the rule’s input is complete past one full window after the last firing window', () => {
    expect(autoResolved(incident, 15 * MIN)).toBe(false);
    expect(autoResolved(incident, 20 * MIN)).toBe(false);
    expect(autoResolved(incident, 20 * MIN + 1)).toBe(true);
  });

  it('waits at least a minute for a window of no length', () => {
    expect(autoResolved({ end: 0, windowMs: 0 }, 30_000)).toBe(false);
    expect(autoResolved({ end: 0, windowMs: 0 }, MIN + 1)).toBe(true);
  });

  it('reads each rule’s input: login spikes the logins, the others the cluster metrics', () => {
    expect([ruleSource('login_spike'), ruleSource('consumer_lag_rising'), ruleSource('under_replicated'), ruleSource('custom')]).toEqual(['logins', 'cluster_metrics', 'cluster_metrics', 'alerts']);
  });
});

describe('value against threshold', () => {
  const defaults = { login_spike: { minFailures: 25, baselineFactor: 4 }, under_replicated: { minutes: 3 } };
  it('states the value, the threshold the job compared it with, and the tenant’s override in force', () => {
    expect(thresholdOf({ rule: 'login_spike', value: 50, threshold: 40, start: 0, end: 5 * MIN }, defaults, { login_spike: { minFailures: 30 } })).toEqual({
      measured: 50,
      value: 40,
      comparison: '>=',
      unit: 'failed logins per window',
      parameter: 'minFailures',
      inForce: 30,
      source: 'override',
    });
  });

  it('falls back to the rule default, and measures under-replication by its duration in minutes', () => {
    expect(thresholdOf({ rule: 'under_replicated', value: 4, threshold: 3, start: 0, end: 25 * MIN }, defaults, {})).toMatchObject({
      measured: 25,
      value: 3,
      comparison: '>',
      parameter: 'minutes',
      inForce: 3,
      source: 'default',
    });
  });

  it('says nothing it does not know for a rule it has no facts about', () => {
    expect(thresholdOf({ rule: 'custom', value: 1, threshold: 2, start: 0, end: MIN }, defaults, {})).toMatchObject({ measured: 1, value: 2, parameter: null, inForce: null, source: null });
  });
});
