SELECT (((epoch_ms("ts") + ?) // 60000 * 60000) - ?) AS "t", "rule", "severity", "message", COUNT(*) AS "events", MAX("value") AS "value"
FROM "alerts"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
GROUP BY 1, 2, 3, 4
ORDER BY "t" DESC, "rule" ASC, "severity" ASC, "message" ASC
LIMIT 1001
-- params: [{"type":"BIGINT","value":0},{"type":"BIGINT","value":0},{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-24T12:00:00.000Z"}]
