SELECT (((epoch_ms("ts") + ?) // 300000 * 300000) - ?) AS "t", CASE WHEN "country" IN (?, ?) THEN "country" END AS "country", COALESCE(SUM("count") FILTER (WHERE "result" = 'failure'), 0) AS "failures"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
GROUP BY 1, 2
ORDER BY "t" ASC, "country" ASC
LIMIT 867
-- params: [{"type":"BIGINT","value":-28800000},{"type":"BIGINT","value":-28800000},{"type":"VARCHAR","value":"US"},{"type":"VARCHAR","value":"SG"},{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"}]
