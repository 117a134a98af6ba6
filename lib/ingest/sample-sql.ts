/**
 * Deterministic sample data, generated inside DuckDB by SQL (no JS loops over rows).
 * Every value is a pure function of (time, stream/tenant/sensor, seed) through `rnd`, so the
 * same window always yields the same rows: the producer that feeds Kafka and the embedded
 * engine's own generator agree event for event.
 *
 * Each generator is a SELECT over [$start, $end) epoch seconds in steps of $step seconds
 * (60 for history, 1 for live ticks); $anchor is the moment the sample world calls "now",
 * which places the recent, not-benign login spike.
 */

import { listDatasources } from '@/lib/dashboards/registry';
import { declaredGenerator } from './declared-sample';

const HAND_WRITTEN = ['cluster_metrics', 'logins', 'sensor_readings', 'alerts'] as const;
export type SampleTable = string;

/** The generator of each sample table: hand-written SQL for the demo's four, the declared ones' from their `sample` block. */
export function sampleGenerators(): Map<string, string> {
  const declared = listDatasources().flatMap((ds) => {
    const sql = declaredGenerator(ds);
    return sql ? [[ds.id, sql] as const] : [];
  });
  return new Map([...HAND_WRITTEN.map((t) => [t, GENERATORS[t]] as const), ...declared]);
}

export function sampleTables(): string[] {
  return [...sampleGenerators().keys()];
}

/** rnd(a, b): a uniform double in [0, 1) that depends only on its arguments. */
export const MACROS_SQL = `
CREATE OR REPLACE MACRO rnd(a, b) AS ((hash(a, b, 1729) % 1000003)::DOUBLE / 1000003.0);
CREATE OR REPLACE MACRO diurnal(s) AS (0.5 + 0.5 * sin(2 * pi() * ((s % 86400) / 86400.0 - 0.35)));
CREATE OR REPLACE MACRO pick(xs, r) AS (xs[1 + floor(r * len(xs))::INTEGER]);
`;

/**
 * An incident still firing: under-replicated partitions from half an hour before the anchor, one
 * alert per 5-minute window, for six hours after it (so the alert inbox has an open alert while
 * the demo runs; it then resolves automatically).
 */
const ONGOING_S = 6 * 3600;

/** An incident is a 90-minute window in which a stream's consumers fall behind and latency rises. */
const INCIDENT = `(rnd(s // 5400, st.id * 31 + 7) < 0.02)::INTEGER`;

const GENERATORS: Record<(typeof HAND_WRITTEN)[number], string> = {
  cluster_metrics: `
SELECT to_timestamp(s) AS ts, st.tenant, st.cluster, st.broker, st.topic, st.client,
  (msgs * st.msg_bytes)::BIGINT AS bytes_in,
  (msgs * st.msg_bytes * st.fanout)::BIGINT AS bytes_out,
  msgs AS messages_in,
  round(3 + 4 * diurnal(s) + 30 * pow(rnd(s, st.id * 31 + 2), 8) + incident * 45)::DOUBLE AS request_latency_ms,
  (st.rate * (0.2 + diurnal(s)) + incident * (s % 5400) * st.rate / 60)::BIGINT AS consumer_lag,
  CASE WHEN rnd(s, st.id * 31 + 3) < 0.03 THEN 1 + floor(4 * rnd(s, st.id * 31 + 4)) ELSE 0 END::BIGINT AS errors,
  (incident * (1 + (st.id % 3)))::BIGINT AS under_replicated
FROM (
  SELECT s, st.*, ${INCIDENT} AS incident,
    (st.rate * $step / 60.0 * (0.6 + 0.8 * diurnal(s)) * (0.85 + 0.3 * rnd(s, st.id * 31 + 1)))::BIGINT AS msgs
  FROM range($start, $end, $step) r(s) CROSS JOIN sample_streams st
) st
ORDER BY s, st.id`,

  logins: `
SELECT to_timestamp(s + floor(rnd(s, t.id * 97 + k) * $step)::BIGINT) AS ts, t.tenant,
  pick(t.users, rnd(s, t.id * 97 + k + 1000)) AS "user",
  CASE WHEN attack THEN t.attack_country ELSE pick(t.countries, rnd(s, t.id * 97 + k + 2000)) END AS country,
  CASE WHEN attack OR rotation THEN 'password'
       ELSE pick(['sso', 'sso', 'sso', 'password', 'password', 'api_key', 'mfa'], rnd(s, t.id * 97 + k + 3000)) END AS method,
  CASE WHEN rnd(s, t.id * 97 + k + 4000) < (CASE WHEN attack THEN 0.95 WHEN rotation THEN 0.45 ELSE 0.04 END)
       THEN 'failure' ELSE 'success' END AS result
FROM (
  SELECT s, k, t.*,
    -- Benign: every Monday 08:00-08:45 UTC passwords expire and people mistype the new ones.
    (((s // 86400) + 4) % 7 = 1 AND (s % 86400) BETWEEN 28800 AND 31499) AS rotation,
    -- Not benign: a credential-stuffing burst from an unusual country an hour before "now".
    (s BETWEEN $anchor - 4500 AND $anchor - 2701) AS attack
  FROM range($start, $end, $step) r(s) CROSS JOIN range(24) slots(k) CROSS JOIN sample_tenants t
) t
WHERE rnd(s, t.id * 97 + k + 5000) < $step / 60.0
  * (CASE WHEN attack THEN 0.9 WHEN rotation THEN 0.5 ELSE 0.02 + 0.12 * diurnal(s) END)
ORDER BY ts, t.id, k`,

  sensor_readings: `
SELECT to_timestamp(s) AS ts, tenant, sensor_id, location, c AS temperature_c, c * 9 / 5 + 32 AS temperature_f
FROM (
  SELECT s, se.*, round(se.base_c + 2.5 * diurnal(s) - 1.25 + (rnd(s, se.id * 13) - 0.5) * 0.8, 1) AS c
  FROM range($start - $start % 60, $end, 60) r(s) CROSS JOIN sample_sensors se
  WHERE s >= $start
)
ORDER BY s, sensor_id`,

  alerts: `
SELECT to_timestamp(w * 5400 + 1800) AS ts, st.tenant, 'consumer_lag_rising' AS rule, 'warning' AS severity,
  'Consumer lag rising for ' || st.client || ' on ' || st.topic AS message,
  w * 5400000 AS window_start, (w * 5400 + 1800) * 1000 AS window_end,
  (st.rate * 30)::DOUBLE AS value, (st.rate * 10)::DOUBLE AS threshold
FROM range($start // 5400, $end // 5400) r(w) CROSS JOIN sample_streams st
WHERE rnd(w, st.id * 31 + 7) < 0.02 AND w * 5400 + 1800 >= $start AND w * 5400 + 1800 < $end
UNION ALL
SELECT to_timestamp($anchor - 2700), t.tenant, 'login_spike', 'critical',
  'Failed logins from ' || t.attack_country || ' far above baseline',
  ($anchor - 3000) * 1000, ($anchor - 2700) * 1000, 180, 40
FROM sample_tenants t
WHERE $anchor - 2700 >= $start AND $anchor - 2700 < $end
UNION ALL
SELECT to_timestamp(w * 300 + 300), t.tenant, 'under_replicated', 'critical',
  'broker-2 has had under-replicated partitions for more than 3 minutes',
  w * 300000, (w * 300 + 300) * 1000, 4, 3
FROM range($start // 300 - 1, $end // 300 + 1) r(w) CROSS JOIN sample_tenants t
WHERE w * 300 >= $anchor - 1800 AND w * 300 < $anchor + ${ONGOING_S} AND w * 300 + 300 >= $start AND w * 300 + 300 < $end
ORDER BY 1, 2`,
};
