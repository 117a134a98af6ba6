SELECT (((epoch_ms("ts") + ?) // 3600000 * 3600000) - ?) AS "t", COALESCE(SUM("count") FILTER (WHERE "result" = 'failure'), 0) AS "failures"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
GROUP BY 1
ORDER BY "t" ASC
LIMIT 25
-- params: [{"type":"BIGINT","value":3600000},{"type":"BIGINT","value":3600000},{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"}]
