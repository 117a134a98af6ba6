SELECT ((((epoch_ms("ts") + ?) - 345600000) // 604800000 * 604800000 + 345600000) - ?) AS "t", COALESCE(SUM("count"), 0) AS "attempts"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
GROUP BY 1
ORDER BY "t" ASC
LIMIT 14
-- params: [{"type":"BIGINT","value":19800000},{"type":"BIGINT","value":19800000},{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-09-01T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"}]
