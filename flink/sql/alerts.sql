-- Alerting: pulse.logins and pulse.cluster_metrics -> pulse.alerts (rules login_spike,
-- consumer_lag_rising, under_replicated). Thresholds come from config/alert-rules.json:
-- ${rule:...} becomes a per-tenant CASE (unknown tenants get the defaults), ${uniform:...} a
-- constant (window sizes and pattern lengths). ${KAFKA_BOOTSTRAP}/${JOB}: see enrich.sql.

-- A quiet tenant or partition must not hold the event-time windows of the others back.
SET 'table.exec.source.idle-timeout' = '1 s';

-- Event time as TIMESTAMP(3) in UTC (table.local-time-zone is UTC), so window bounds convert
-- to epoch millis with plain TIMESTAMPDIFF.
CREATE TABLE logins (
  ts BIGINT, tenant STRING, `user` STRING, country STRING, `method` STRING, `result` STRING,
  rowtime AS CAST(TO_TIMESTAMP_LTZ(COALESCE(ts, 0), 3) AS TIMESTAMP(3)),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'pulse.logins',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'properties.group.id' = 'pulseboard-flink-${JOB}-logins',
  'scan.startup.mode' = 'group-offsets',
  'properties.auto.offset.reset' = 'earliest',
  -- Only committed records, should an upstream producer ever write transactionally.
  'properties.isolation.level' = 'read_committed',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true'
);

CREATE TABLE cluster_metrics (
  ts BIGINT, tenant STRING, cluster STRING, broker STRING, topic STRING, client STRING,
  consumer_lag BIGINT, under_replicated BIGINT,
  rowtime AS CAST(TO_TIMESTAMP_LTZ(COALESCE(ts, 0), 3) AS TIMESTAMP(3)),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '10' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'pulse.cluster_metrics',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'properties.group.id' = 'pulseboard-flink-${JOB}-metrics',
  'scan.startup.mode' = 'group-offsets',
  'properties.auto.offset.reset' = 'earliest',
  -- Only committed records, should an upstream producer ever write transactionally.
  'properties.isolation.level' = 'read_committed',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true'
);

CREATE TABLE alerts (
  ts BIGINT, tenant STRING, `rule` STRING, severity STRING, message STRING,
  window_start BIGINT, window_end BIGINT, `value` DOUBLE, threshold DOUBLE
) WITH (
  'connector' = 'kafka',
  'topic' = 'pulse.alerts',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = 'pulseboard-${JOB}',
  'properties.transaction.timeout.ms' = '600000'
);

-- login_spike ---------------------------------------------------------------------------
CREATE TEMPORARY VIEW login_windows AS
SELECT tenant, window_start, window_end, window_time,
  SUM(CASE WHEN `result` = 'failure' THEN 1 ELSE 0 END) AS failures
FROM TABLE(TUMBLE(TABLE logins, DESCRIPTOR(rowtime), INTERVAL '${uniform:login_spike.windowMinutes}' MINUTE))
WHERE tenant IS NOT NULL
GROUP BY tenant, window_start, window_end, window_time;

-- Baseline: the tenant's failures over the previous baselineWindows windows, by time range,
-- so windows without any login count as zero. Divided by baselineWindows below.
CREATE TEMPORARY VIEW login_baseline AS
SELECT tenant, window_start, window_end, failures,
  SUM(failures) OVER (PARTITION BY tenant ORDER BY window_time
    RANGE BETWEEN ${minutes:login_spike.windowMinutes*baselineWindows} PRECEDING AND CURRENT ROW) - failures AS previous_failures
FROM login_windows;

CREATE TEMPORARY VIEW login_spikes AS
SELECT tenant, window_start, window_end, failures,
  GREATEST(CAST(${rule:login_spike.minFailures} AS DOUBLE),
           ${rule:login_spike.baselineFactor} * previous_failures / ${uniform:login_spike.baselineWindows}.0) AS threshold
FROM login_baseline;

-- consumer_lag_rising -------------------------------------------------------------------
CREATE TEMPORARY VIEW lag_minutes AS
SELECT tenant, topic, client, window_start, window_end, window_time, SUM(consumer_lag) AS total_lag
FROM TABLE(TUMBLE(TABLE cluster_metrics, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE))
WHERE tenant IS NOT NULL AND consumer_lag IS NOT NULL
GROUP BY tenant, topic, client, window_start, window_end, window_time;

-- consecutiveMinutes per-minute values, each above the one before. SKIP PAST LAST ROW: one
-- alert per streak (a rise lasting twice as long alerts twice).
CREATE TEMPORARY VIEW lag_rising AS
SELECT * FROM lag_minutes
MATCH_RECOGNIZE (
  PARTITION BY tenant, topic, client
  ORDER BY window_time
  MEASURES FIRST(S.window_start) AS window_start, LAST(UP.window_end) AS window_end,
           FIRST(S.total_lag) AS first_lag, LAST(UP.total_lag) AS last_lag
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (S UP{${uniform:consumer_lag_rising.consecutiveMinutes-1}})
  -- Logical offsets (LAST(x, 1): the previous UP row); Flink has no physical PREV here.
  DEFINE UP AS UP.total_lag > COALESCE(LAST(UP.total_lag, 1), LAST(S.total_lag))
);

-- under_replicated ----------------------------------------------------------------------
CREATE TEMPORARY VIEW urp_minutes AS
SELECT tenant, cluster, broker, window_start, window_end, window_time, MAX(under_replicated) AS urp
FROM TABLE(TUMBLE(TABLE cluster_metrics, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE))
WHERE tenant IS NOT NULL AND under_replicated IS NOT NULL
GROUP BY tenant, cluster, broker, window_start, window_end, window_time;

-- Minutes in a row with under-replicated partitions, until the run lasts longer than the
-- tenant's `minutes` (a time condition, so it can differ per tenant).
CREATE TEMPORARY VIEW urp_long AS
SELECT * FROM urp_minutes
MATCH_RECOGNIZE (
  PARTITION BY tenant, cluster, broker
  ORDER BY window_time
  MEASURES FIRST(B.window_start) AS window_start, L.window_end AS window_end, MAX(B.urp) AS peak
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (B+? L)
  DEFINE
    B AS B.urp > 0,
    L AS L.urp > 0 AND TIMESTAMPDIFF(MINUTE, FIRST(B.window_start), L.window_end) > ${rule:under_replicated.minutes:L.tenant}
);

INSERT INTO alerts
SELECT ts, tenant, `rule`, severity, message, window_start, window_end, `value`, threshold FROM (
  SELECT
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_end) AS BIGINT) * 1000 AS ts,
    tenant, 'login_spike' AS `rule`,
    CASE WHEN failures >= 2 * threshold THEN 'critical' ELSE 'warning' END AS severity,
    CONCAT(CAST(failures AS STRING), ' failed logins in ${uniform:login_spike.windowMinutes} min (threshold ',
           CAST(CAST(threshold AS DECIMAL(10, 1)) AS STRING), ')') AS message,
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_start) AS BIGINT) * 1000 AS window_start,
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_end) AS BIGINT) * 1000 AS window_end,
    CAST(failures AS DOUBLE) AS `value`, threshold
  FROM login_spikes WHERE failures >= threshold
UNION ALL
  SELECT
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_end) AS BIGINT) * 1000,
    tenant, 'consumer_lag_rising', 'warning',
    CONCAT('lag of ', client, ' on ', topic, ' rose ${uniform:consumer_lag_rising.consecutiveMinutes} minutes in a row, ',
           CAST(first_lag AS STRING), ' -> ', CAST(last_lag AS STRING)),
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_start) AS BIGINT) * 1000,
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_end) AS BIGINT) * 1000,
    CAST(last_lag AS DOUBLE), CAST(${rule:consumer_lag_rising.minLag} AS DOUBLE)
  FROM lag_rising WHERE last_lag >= ${rule:consumer_lag_rising.minLag}
UNION ALL
  SELECT
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_end) AS BIGINT) * 1000,
    tenant, 'under_replicated', 'critical',
    CONCAT(broker, ' on ', cluster, ' has had under-replicated partitions for more than ',
           CAST(${rule:under_replicated.minutes} AS STRING), ' minutes (peak ', CAST(peak AS STRING), ')'),
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_start) AS BIGINT) * 1000,
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_end) AS BIGINT) * 1000,
    CAST(peak AS DOUBLE), CAST(${rule:under_replicated.minutes} AS DOUBLE)
  FROM urp_long
);
