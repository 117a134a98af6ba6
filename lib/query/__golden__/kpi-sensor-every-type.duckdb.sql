SELECT COUNT(*) AS "readings", COUNT(*) FILTER (WHERE "location" = 'lab') AS "lab_readings", SUM("temperature_c") AS "temp_sum", MIN("temperature_c") AS "temp_min", MAX("temperature_c") AS "temp_max", SUM("temperature_c") / COUNT(*) AS "temp_avg", quantile_cont("temperature_c", 0.95) AS "temp_p95", quantile_cont("temperature_c", 0.5) FILTER (WHERE "location" IN ('cellar', 'o''hare')) AS "temp_p50_cellar", MAX("temperature_c") FILTER (WHERE "location" = 'lab') AS "temp_max_lab", SUM("temperature_c") FILTER (WHERE "location" = 'lab') / COUNT(*) FILTER (WHERE "location" = 'lab') AS "temp_avg_lab", COUNT(*) FILTER (WHERE "location" = 'lab') * 1.0 / NULLIF(COUNT(*), 0) AS "lab_share"
FROM "sensor_readings"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
LIMIT 1
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"}]
