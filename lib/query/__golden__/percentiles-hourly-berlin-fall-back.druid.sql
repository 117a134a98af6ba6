SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR("__time", 'PT1H')) AS "t", APPROX_QUANTILE_DS("temperature_c_q", 0.5) AS "p50", APPROX_QUANTILE_DS("temperature_c_q", 0.95) AS "p95", APPROX_QUANTILE_DS("temperature_c_q", 0.99) AS "p99"
FROM "sensor_readings"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
GROUP BY 1
ORDER BY "t" ASC
LIMIT 27
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1792879200000},{"type":"BIGINT","value":1792969200000}]
