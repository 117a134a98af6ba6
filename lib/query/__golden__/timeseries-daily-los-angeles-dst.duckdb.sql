SELECT (CASE WHEN (((epoch_ms("ts") + CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) // 86400000 * 86400000) - CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) >= CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END THEN (((epoch_ms("ts") + CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) // 86400000 * 86400000) - CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) ELSE ((epoch_ms("ts") + CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) // 86400000 * 86400000) - CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END END) AS "t", COALESCE(SUM("count"), 0) AS "attempts"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
GROUP BY 1
ORDER BY "t" ASC
LIMIT 7
-- params: [{"type":"BIGINT","value":1793523600000},{"type":"BIGINT","value":-25200000},{"type":"BIGINT","value":-28800000},{"type":"BIGINT","value":1793523600000},{"type":"BIGINT","value":-25200000},{"type":"BIGINT","value":-28800000},{"type":"BIGINT","value":1793523600000},{"type":"BIGINT","value":1792652400000},{"type":"BIGINT","value":1793523600000},{"type":"BIGINT","value":1793523600000},{"type":"BIGINT","value":-25200000},{"type":"BIGINT","value":-28800000},{"type":"BIGINT","value":1793523600000},{"type":"BIGINT","value":-25200000},{"type":"BIGINT","value":-28800000},{"type":"BIGINT","value":1793523600000},{"type":"BIGINT","value":-25200000},{"type":"BIGINT","value":-28800000},{"type":"BIGINT","value":1793523600000},{"type":"BIGINT","value":-25200000},{"type":"BIGINT","value":-25200000},{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-10-29T07:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-04T08:00:00.000Z"}]
