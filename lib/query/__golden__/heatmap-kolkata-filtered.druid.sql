SELECT TIME_EXTRACT("__time", 'ISODOW') AS "dow", TIME_EXTRACT("__time", 'HOUR') AS "hour", COALESCE(SUM("count"), 0) AS "attempts"
FROM "logins"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
  AND ("country" NOT IN (?) OR "country" IS NULL)
GROUP BY 1, 2
ORDER BY "dow" ASC, "hour" ASC
LIMIT 168
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1794960000000},{"type":"BIGINT","value":1795651200000},{"type":"VARCHAR","value":"SG"}]
