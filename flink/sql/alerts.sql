-- Alerting: pulse.logins and pulse.cluster_metrics -> pulse.alerts (rules login_spike,
-- consumer_lag_rising, under_replicated). Thresholds: a tenant's override published by the app
-- to pulse.alert_thresholds (live, below) wins; otherwise config/alert-rules.json, where
-- ${rule:...} becomes a per-tenant CASE (unknown tenants get the defaults) and ${uniform:...} a
-- constant (window sizes and pattern lengths). ${KAFKA_BOOTSTRAP}/${JOB}: see enrich.sql.

-- A quiet tenant or partition must not hold the event-time windows of the others back, nor
-- the thresholds topic, idle between changes, hold back the temporal joins.
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

-- Tenants' threshold overrides, written by the app (lib/alerts/threshold-feed.ts) on every
-- change and in full at its start: key tenant, value {"tenant", "<rule>": {"<param>": n}}, a
-- tombstone when the tenant's overrides are removed. A versioned table: a record is valid from
-- its Kafka timestamp (when the change was committed) on, and each rule joins it AS OF its
-- window's time (event-time temporal join), so a change applies to the windows after it, never
-- to earlier ones, and a replay after a restart decides exactly as the first run did.
CREATE TABLE alert_thresholds (
  tenant STRING,
  login_spike ROW<`minFailures` DOUBLE, `baselineFactor` DOUBLE>,
  consumer_lag_rising ROW<`minLag` DOUBLE>,
  under_replicated ROW<`minutes` DOUBLE>,
  kafka_ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  valid_from AS CAST(kafka_ts AS TIMESTAMP(3)),
  PRIMARY KEY (tenant) NOT ENFORCED,
  WATERMARK FOR valid_from AS valid_from
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'pulse.alert_thresholds',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'properties.group.id' = 'pulseboard-flink-${JOB}-thresholds',
  'properties.isolation.level' = 'read_committed',
  'key.format' = 'raw',
  'value.format' = 'json',
  'value.json.ignore-parse-errors' = 'true',
  'value.fields-include' = 'ALL'
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
SELECT tenant, window_start, window_end, window_time, failures,
  SUM(failures) OVER (PARTITION BY tenant ORDER BY window_time
    RANGE BETWEEN ${minutes:login_spike.windowMinutes*baselineWindows} PRECEDING AND CURRENT ROW) - failures AS previous_failures
FROM login_windows;

CREATE TEMPORARY VIEW login_spikes AS
SELECT b.tenant, b.window_start, b.window_end, b.failures,
  GREATEST(CAST(COALESCE(t.login_spike.`minFailures`, ${rule:login_spike.minFailures:b.tenant}) AS DOUBLE),
           COALESCE(t.login_spike.`baselineFactor`, ${rule:login_spike.baselineFactor:b.tenant}) * b.previous_failures / ${uniform:login_spike.baselineWindows}.0) AS threshold
FROM login_baseline AS b
LEFT JOIN alert_thresholds FOR SYSTEM_TIME AS OF b.window_time AS t ON b.tenant = t.tenant;

-- consumer_lag_rising -------------------------------------------------------------------
CREATE TEMPORARY VIEW lag_sums AS
SELECT tenant, topic, client, window_start, window_end, window_time, SUM(consumer_lag) AS total_lag
FROM TABLE(TUMBLE(TABLE cluster_metrics, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE))
WHERE tenant IS NOT NULL AND consumer_lag IS NOT NULL
GROUP BY tenant, topic, client, window_start, window_end, window_time;

-- Each minute with the tenant's minLag as of that minute (the join keeps window_time a time attribute).
CREATE TEMPORARY VIEW lag_minutes AS
SELECT l.tenant, l.topic, l.client, l.window_start, l.window_end, l.window_time, l.total_lag,
  CAST(COALESCE(t.consumer_lag_rising.`minLag`, ${rule:consumer_lag_rising.minLag:l.tenant}) AS DOUBLE) AS min_lag
FROM lag_sums AS l
LEFT JOIN alert_thresholds FOR SYSTEM_TIME AS OF l.window_time AS t ON l.tenant = t.tenant;

-- consecutiveMinutes per-minute values, each above the one before. SKIP PAST LAST ROW: one
-- alert per streak (a rise lasting twice as long alerts twice).
CREATE TEMPORARY VIEW lag_rising AS
SELECT * FROM lag_minutes
MATCH_RECOGNIZE (
  PARTITION BY tenant, topic, client
  ORDER BY window_time
  MEASURES FIRST(S.window_start) AS window_start, LAST(UP.window_end) AS window_end,
           FIRST(S.total_lag) AS first_lag, LAST(UP.total_lag) AS last_lag, LAST(UP.min_lag) AS min_lag
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (S UP{${uniform:consumer_lag_rising.consecutiveMinutes-1}})
  -- Logical offsets (LAST(x, 1): the previous UP row); Flink has no physical PREV here.
  DEFINE UP AS UP.total_lag > COALESCE(LAST(UP.total_lag, 1), LAST(S.total_lag))
);

-- under_replicated ----------------------------------------------------------------------
CREATE TEMPORARY VIEW urp_maxima AS
SELECT tenant, cluster, broker, window_start, window_end, window_time, MAX(under_replicated) AS urp
FROM TABLE(TUMBLE(TABLE cluster_metrics, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE))
WHERE tenant IS NOT NULL AND under_replicated IS NOT NULL
GROUP BY tenant, cluster, broker, window_start, window_end, window_time;

CREATE TEMPORARY VIEW urp_minutes AS
SELECT u.tenant, u.cluster, u.broker, u.window_start, u.window_end, u.window_time, u.urp,
  CAST(COALESCE(t.under_replicated.`minutes`, ${rule:under_replicated.minutes:u.tenant}) AS DOUBLE) AS max_minutes
FROM urp_maxima AS u
LEFT JOIN alert_thresholds FOR SYSTEM_TIME AS OF u.window_time AS t ON u.tenant = t.tenant;

-- Minutes in a row with under-replicated partitions, until the run lasts longer than the
-- tenant's `minutes` as of that minute (a time condition, so it can differ per tenant).
CREATE TEMPORARY VIEW urp_long AS
SELECT * FROM urp_minutes
MATCH_RECOGNIZE (
  PARTITION BY tenant, cluster, broker
  ORDER BY window_time
  MEASURES FIRST(B.window_start) AS window_start, L.window_end AS window_end, MAX(B.urp) AS peak, L.max_minutes AS max_minutes
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (B+? L)
  DEFINE
    B AS B.urp > 0,
    L AS L.urp > 0 AND TIMESTAMPDIFF(MINUTE, FIRST(B.window_start), L.window_end) > L.max_minutes
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
    CAST(last_lag AS DOUBLE), min_lag
  FROM lag_rising WHERE last_lag >= min_lag
UNION ALL
  SELECT
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_end) AS BIGINT) * 1000,
    tenant, 'under_replicated', 'critical',
    CONCAT(broker, ' on ', cluster, ' has had under-replicated partitions for more than ',
           CAST(CAST(max_minutes AS DECIMAL(10, 1)) AS STRING), ' minutes (peak ', CAST(peak AS STRING), ')'),
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_start) AS BIGINT) * 1000,
    CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_end) AS BIGINT) * 1000,
    CAST(peak AS DOUBLE), max_minutes
  FROM urp_long
);
