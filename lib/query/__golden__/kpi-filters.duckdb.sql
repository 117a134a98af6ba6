SELECT COALESCE(SUM("count"), 0) AS "attempts"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
  AND "country" IN (?, ?)
  AND ("method" NOT IN (?) OR "method" IS NULL)
  AND (contains(lower("user"), lower(?)) OR contains(lower("user"), lower(?)))
LIMIT 1
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"},{"type":"VARCHAR","value":"US"},{"type":"VARCHAR","value":"DE"},{"type":"VARCHAR","value":"sso"},{"type":"VARCHAR","value":"ann"},{"type":"VARCHAR","value":"o'brien"}]
