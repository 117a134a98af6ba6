SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR("__time", 'P1D')) AS "t", COALESCE(SUM("count"), 0) AS "attempts"
FROM "logins"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
GROUP BY 1
ORDER BY "t" ASC
LIMIT 7
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1793257200000},{"type":"BIGINT","value":1793779200000}]
