-- Smart-building enrichment: pulse.sensor_raw (Celsius) + pulse.sensor_locations (compacted
-- reference, key sensor_id) -> pulse.sensor_readings; everything unusable -> pulse.dead_letter.
-- ${KAFKA_BOOTSTRAP} and ${JOB} are filled in by the launcher (dev.pulseboard.flink.SqlRunner).

-- The reference topic is idle between location changes: without this its watermark would
-- never advance and the temporal join would hold every reading back.
SET 'table.exec.source.idle-timeout' = '1 s';

-- Raw payloads as plain strings: a malformed event must reach the dead-letter topic with its
-- bytes intact, not fail the job or vanish in a JSON format's ignore-parse-errors.
CREATE TABLE sensor_raw (
  payload STRING,
  kafka_ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  -- Event time: the event's own timestamp when it has one, else when Kafka got it (so
  -- malformed events still have a time and pass through the join to the dead-letter branch).
  event_ts AS COALESCE(TO_TIMESTAMP_LTZ(TRY_CAST(JSON_VALUE(payload, '$.timestamp') AS BIGINT), 3), kafka_ts),
  WATERMARK FOR event_ts AS event_ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'pulse.sensor_raw',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'properties.group.id' = 'pulseboard-flink-${JOB}',
  'scan.startup.mode' = 'group-offsets',
  'properties.auto.offset.reset' = 'earliest',
  -- Only committed records, should an upstream producer ever write transactionally.
  'properties.isolation.level' = 'read_committed',
  'format' = 'raw'
);

-- Versioned reference table: each record is valid from its Kafka timestamp on, so a location
-- change applies to readings after it and never rewrites earlier ones.
CREATE TABLE sensor_locations (
  sensor_id STRING,
  tenant STRING,
  location STRING,
  valid_from TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  PRIMARY KEY (sensor_id) NOT ENFORCED,
  WATERMARK FOR valid_from AS valid_from
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'pulse.sensor_locations',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'properties.group.id' = 'pulseboard-flink-${JOB}-ref',
  'key.format' = 'raw',
  'value.format' = 'json',
  'value.json.ignore-parse-errors' = 'true',
  'value.fields-include' = 'ALL'
);

CREATE TABLE sensor_readings (
  ts BIGINT,
  tenant STRING,
  sensor_id STRING,
  location STRING,
  temperature_c DOUBLE,
  temperature_f DOUBLE
) WITH (
  'connector' = 'kafka',
  'topic' = 'pulse.sensor_readings',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = 'pulseboard-${JOB}-readings',
  -- The broker caps transactions at transaction.max.timeout.ms (default 15 min); the sink's
  -- own default (1 h) would be refused.
  'properties.transaction.timeout.ms' = '600000'
);

CREATE TABLE dead_letter (
  ts BIGINT,
  source_topic STRING,
  reason STRING,
  payload STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'pulse.dead_letter',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = 'pulseboard-${JOB}-dead-letter',
  'properties.transaction.timeout.ms' = '600000'
);

-- Parse once; reason is NULL for a well-formed reading.
CREATE TEMPORARY VIEW parsed AS
SELECT
  payload, event_ts,
  JSON_VALUE(payload, '$.sensor_id') AS sensor_id,
  TRY_CAST(JSON_VALUE(payload, '$.timestamp') AS BIGINT) AS ts,
  TRY_CAST(JSON_VALUE(payload, '$.temperature') AS DOUBLE) AS temperature_c,
  CASE
    WHEN payload IS NULL OR NOT (payload IS JSON OBJECT) THEN 'malformed_json'
    WHEN JSON_VALUE(payload, '$.sensor_id') IS NULL THEN 'missing_sensor_id'
    WHEN TRY_CAST(JSON_VALUE(payload, '$.timestamp') AS BIGINT) IS NULL THEN 'missing_or_invalid_timestamp'
    WHEN JSON_VALUE(payload, '$.temperature') IS NULL THEN 'missing_temperature'
    WHEN TRY_CAST(JSON_VALUE(payload, '$.temperature') AS DOUBLE) IS NULL THEN 'non_numeric_temperature'
  END AS reason
FROM sensor_raw;

-- Event-time temporal join: each reading sees the sensor's reference as of its own time.
CREATE TEMPORARY VIEW joined AS
SELECT p.*, r.tenant, r.location,
  COALESCE(p.reason, CASE WHEN r.sensor_id IS NULL THEN 'unknown_sensor' END) AS final_reason
FROM parsed AS p
LEFT JOIN sensor_locations FOR SYSTEM_TIME AS OF p.event_ts AS r
  ON p.sensor_id = r.sensor_id;

INSERT INTO sensor_readings
SELECT ts, tenant, sensor_id, location, temperature_c, ROUND(temperature_c * 9 / 5 + 32, 2)
FROM joined WHERE final_reason IS NULL;

INSERT INTO dead_letter
SELECT CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', CAST(event_ts AS TIMESTAMP(3))) AS BIGINT) * 1000
         + EXTRACT(MILLISECOND FROM CAST(event_ts AS TIMESTAMP(3))) % 1000,
       'pulse.sensor_raw', final_reason, payload
FROM joined WHERE final_reason IS NOT NULL;
