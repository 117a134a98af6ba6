SELECT "country", COALESCE(SUM("count") FILTER (WHERE "result" = 'failure'), 0) AS "failures"
FROM "logins"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
GROUP BY 1
ORDER BY "failures" DESC, "country" ASC
LIMIT 10
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1795478400000},{"type":"BIGINT","value":1795564800000}]
