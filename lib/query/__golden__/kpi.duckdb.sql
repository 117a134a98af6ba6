SELECT COUNT(*) AS "attempts", COUNT(*) FILTER (WHERE "result" = 'failure') AS "failures", COUNT(*) FILTER (WHERE "result" = 'failure') * 1.0 / NULLIF(COUNT(*), 0) AS "failure_rate", COUNT(DISTINCT "user") AS "users"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
LIMIT 1
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"}]
