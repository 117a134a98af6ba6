SELECT COALESCE(SUM("count"), 0) AS "attempts", COALESCE(SUM("count") FILTER (WHERE "result" = 'failure'), 0) AS "failures", CAST(COALESCE(SUM("count") FILTER (WHERE "result" = 'failure'), 0) AS DOUBLE) / NULLIF(COALESCE(SUM("count"), 0), 0) AS "failure_rate", APPROX_COUNT_DISTINCT_DS_HLL("user") AS "users"
FROM "logins"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
LIMIT 1
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1795478400000},{"type":"BIGINT","value":1795564800000}]
