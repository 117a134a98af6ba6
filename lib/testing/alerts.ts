/** Alert events as the Flink alert job writes them to pulse.alerts, for notifier tests. */
export function alertEvent(tenant: string, n: number) {
  const windowStart = Date.parse('2026-12-01T00:00:00Z') + n * 300_000;
  return {
    ts: windowStart + 300_000, tenant, rule: 'login_spike', severity: 'critical', message: `spike ${n}`,
    window_start: windowStart, window_end: windowStart + 300_000, value: 60 + n, threshold: 30,
  };
}
