SELECT (((epoch_ms("ts") + ?) // 86400000 + 3) % 7 + 1) AS "dow", ((epoch_ms("ts") + ?) // 3600000 % 24) AS "hour", COALESCE(SUM("count"), 0) AS "attempts"
FROM "logins"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
  AND ("country" NOT IN (?) OR "country" IS NULL)
GROUP BY 1, 2
ORDER BY "dow" ASC, "hour" ASC
LIMIT 168
-- params: [{"type":"BIGINT","value":19800000},{"type":"BIGINT","value":19800000},{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-18T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-26T00:00:00.000Z"},{"type":"VARCHAR","value":"SG"}]
