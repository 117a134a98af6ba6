SELECT epoch_ms(time_bucket(INTERVAL '1 minute', "ts", ?)) AS "t", COUNT(*) AS "attempts"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
GROUP BY 1
ORDER BY "t" ASC
LIMIT 1441
-- params: [{"type":"VARCHAR","value":"UTC"},{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"}]
