SELECT COALESCE(SUM("count"), 0) AS "attempts", COALESCE(SUM("count") FILTER (WHERE "result" = 'failure'), 0) AS "failures", COALESCE(SUM("count") FILTER (WHERE "result" = 'failure'), 0) * 1.0 / NULLIF(COALESCE(SUM("count"), 0), 0) AS "failure_rate", COUNT(DISTINCT "user") AS "users"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
LIMIT 1
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"}]
