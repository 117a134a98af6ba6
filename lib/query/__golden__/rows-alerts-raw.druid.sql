SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR("__time", 'PT1M')) AS "t", "rule", "severity", "message", COUNT(*) AS "events", MAX("value") AS "value"
FROM "alerts"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
GROUP BY 1, 2, 3, 4
ORDER BY "t" DESC, "rule" ASC, "severity" ASC, "message" ASC
LIMIT 1001
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1795478400000},{"type":"BIGINT","value":1795521600000}]
