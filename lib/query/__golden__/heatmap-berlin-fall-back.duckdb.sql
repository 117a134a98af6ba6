SELECT (((epoch_ms("ts") + CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) // 86400000 + 3) % 7 + 1) AS "dow", ((epoch_ms("ts") + CASE WHEN epoch_ms("ts") < ? THEN ? ELSE ? END) // 3600000 % 24) AS "hour", COALESCE(SUM("count"), 0) AS "attempts", COALESCE(SUM("count") FILTER (WHERE "result" = 'failure'), 0) AS "failures"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
GROUP BY 1, 2
ORDER BY "dow" ASC, "hour" ASC
LIMIT 168
-- params: [{"type":"BIGINT","value":1792890000000},{"type":"BIGINT","value":7200000},{"type":"BIGINT","value":3600000},{"type":"BIGINT","value":1792890000000},{"type":"BIGINT","value":7200000},{"type":"BIGINT","value":3600000},{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-10-20T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-10-28T00:00:00.000Z"}]
