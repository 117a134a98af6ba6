SELECT COALESCE(SUM("count"), 0) AS "readings", COALESCE(SUM("count") FILTER (WHERE "location" = 'lab'), 0) AS "lab_readings", SUM("temperature_c") AS "temp_sum", MIN("temperature_c_min") AS "temp_min", MAX("temperature_c_max") AS "temp_max", SUM("temperature_c") / SUM("count") AS "temp_avg", APPROX_QUANTILE_DS("temperature_c_q", 0.95) AS "temp_p95", APPROX_QUANTILE_DS("temperature_c_q", 0.5) FILTER (WHERE "location" IN ('cellar', 'o''hare')) AS "temp_p50_cellar", MAX("temperature_c_max") FILTER (WHERE "location" = 'lab') AS "temp_max_lab", SUM("temperature_c") FILTER (WHERE "location" = 'lab') / SUM("count") FILTER (WHERE "location" = 'lab') AS "temp_avg_lab", CAST(COALESCE(SUM("count") FILTER (WHERE "location" = 'lab'), 0) AS DOUBLE) / NULLIF(COALESCE(SUM("count"), 0), 0) AS "lab_share"
FROM "sensor_readings"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
LIMIT 1
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1795478400000},{"type":"BIGINT","value":1795564800000}]
