SELECT (CASE WHEN (((epoch_ms("ts") + CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) // 3600000 * 3600000) - CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) >= CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END THEN (((epoch_ms("ts") + CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) // 3600000 * 3600000) - CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) ELSE ((epoch_ms("ts") + CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) // 3600000 * 3600000) - CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END END) AS "t", COALESCE(SUM("count"), 0) AS "attempts"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
GROUP BY 1
ORDER BY "t" ASC
LIMIT 27
-- params: [{"type":"BIGINT","value":1792890000000},{"type":"BIGINT","value":7200000},{"type":"BIGINT","value":3600000},{"type":"BIGINT","value":1792890000000},{"type":"BIGINT","value":7200000},{"type":"BIGINT","value":3600000},{"type":"BIGINT","value":1792890000000},{"type":"BIGINT","value":1792274400000},{"type":"BIGINT","value":1792890000000},{"type":"BIGINT","value":1792890000000},{"type":"BIGINT","value":7200000},{"type":"BIGINT","value":3600000},{"type":"BIGINT","value":1792890000000},{"type":"BIGINT","value":7200000},{"type":"BIGINT","value":3600000},{"type":"BIGINT","value":1792890000000},{"type":"BIGINT","value":7200000},{"type":"BIGINT","value":3600000},{"type":"BIGINT","value":1792890000000},{"type":"BIGINT","value":7200000},{"type":"BIGINT","value":7200000},{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-10-24T22:00:00.000Z"},{"type":"VARCHAR","value":"2026-10-25T23:00:00.000Z"}]
