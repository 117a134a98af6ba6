SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR("__time", 'PT5M')) AS "t", CASE WHEN "country" IN (?, ?) THEN "country" END AS "country", COALESCE(SUM("count") FILTER (WHERE "result" = 'failure'), 0) AS "failures"
FROM "logins"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
GROUP BY 1, 2
ORDER BY "t" ASC, "country" ASC
LIMIT 867
-- params: [{"type":"VARCHAR","value":"US"},{"type":"VARCHAR","value":"SG"},{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1795478400000},{"type":"BIGINT","value":1795564800000}]
