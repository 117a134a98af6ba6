SELECT "country", APPROX_COUNT_DISTINCT_DS_HLL("user") FILTER (WHERE "result" = 'failure') AS "failing_users", COALESCE(SUM("count") FILTER (WHERE "user" IN ('O''Brien', 'ann')), 0) AS "named_attempts", APPROX_COUNT_DISTINCT_DS_HLL("user") AS "users", CAST(APPROX_COUNT_DISTINCT_DS_HLL("user") FILTER (WHERE "result" = 'failure') AS DOUBLE) / NULLIF(APPROX_COUNT_DISTINCT_DS_HLL("user"), 0) AS "failing_share"
FROM "logins"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
GROUP BY 1
ORDER BY "named_attempts" DESC, "country" ASC
LIMIT 10
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1795478400000},{"type":"BIGINT","value":1795564800000}]
