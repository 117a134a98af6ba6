SELECT epoch_ms(time_bucket(INTERVAL '1 week', "ts", ?)) AS "t", COUNT(*) AS "attempts"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
GROUP BY 1
ORDER BY "t" ASC
LIMIT 14
-- params: [{"type":"VARCHAR","value":"Asia/Kolkata"},{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-09-01T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"}]
