SELECT COALESCE(SUM("count"), 0) AS "attempts"
FROM "logins"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
  AND "country" IN (?, ?)
  AND ("method" NOT IN (?) OR "method" IS NULL)
  AND (ICONTAINS_STRING("user", ?) OR ICONTAINS_STRING("user", ?))
LIMIT 1
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1795478400000},{"type":"BIGINT","value":1795564800000},{"type":"VARCHAR","value":"US"},{"type":"VARCHAR","value":"DE"},{"type":"VARCHAR","value":"sso"},{"type":"VARCHAR","value":"ann"},{"type":"VARCHAR","value":"o'brien"}]
