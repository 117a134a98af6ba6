SELECT "country", COUNT(DISTINCT "user") FILTER (WHERE "result" = 'failure') AS "failing_users", COALESCE(SUM("count") FILTER (WHERE "user" IN ('O''Brien', 'ann')), 0) AS "named_attempts", COUNT(DISTINCT "user") AS "users", COUNT(DISTINCT "user") FILTER (WHERE "result" = 'failure') * 1.0 / NULLIF(COUNT(DISTINCT "user"), 0) AS "failing_share"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
GROUP BY 1
ORDER BY "named_attempts" DESC, "country" ASC
LIMIT 10
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"}]
