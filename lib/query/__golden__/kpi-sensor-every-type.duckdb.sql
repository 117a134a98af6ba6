SELECT COALESCE(SUM("count"), 0) AS "readings", COALESCE(SUM("count") FILTER (WHERE "location" = 'lab'), 0) AS "lab_readings", SUM("temperature_c") AS "temp_sum", MIN("temperature_c_min") AS "temp_min", MAX("temperature_c_max") AS "temp_max", SUM("temperature_c") / SUM("count") AS "temp_avg", list_aggregate(flatten(list("temperature_c_q")), 'quantile_cont', 0.95) AS "temp_p95", list_aggregate(flatten(list("temperature_c_q") FILTER (WHERE "location" IN ('cellar', 'o''hare'))), 'quantile_cont', 0.5) AS "temp_p50_cellar", MAX("temperature_c_max") FILTER (WHERE "location" = 'lab') AS "temp_max_lab", SUM("temperature_c") FILTER (WHERE "location" = 'lab') / SUM("count") FILTER (WHERE "location" = 'lab') AS "temp_avg_lab", COALESCE(SUM("count") FILTER (WHERE "location" = 'lab'), 0) * 1.0 / NULLIF(COALESCE(SUM("count"), 0), 0) AS "lab_share"
FROM "sensor_readings"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
LIMIT 1
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"}]
