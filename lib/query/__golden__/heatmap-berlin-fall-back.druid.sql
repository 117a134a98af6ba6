SELECT TIME_EXTRACT("__time", 'ISODOW') AS "dow", TIME_EXTRACT("__time", 'HOUR') AS "hour", COALESCE(SUM("count"), 0) AS "attempts", COALESCE(SUM("count") FILTER (WHERE "result" = 'failure'), 0) AS "failures"
FROM "logins"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
GROUP BY 1, 2
ORDER BY "dow" ASC, "hour" ASC
LIMIT 168
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1792454400000},{"type":"BIGINT","value":1793145600000}]
