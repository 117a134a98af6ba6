SELECT (((epoch_ms("ts") + ?) // 60000 * 60000) - ?) AS "t", "endpoint", "method", "status_class", "region", COALESCE(SUM("count"), 0) AS "count", SUM("latency_ms") AS "latency_ms", MAX("latency_ms_max") AS "latency_ms_max", SUM("bytes") AS "bytes"
FROM "api_requests"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
  AND ("method" NOT IN (?) OR "method" IS NULL)
  AND "status_class" IN (?)
GROUP BY 1, 2, 3, 4, 5
ORDER BY "t" DESC, "endpoint" ASC, "method" ASC, "status_class" ASC, "region" ASC
LIMIT 1001
-- params: [{"type":"BIGINT","value":3600000},{"type":"BIGINT","value":3600000},{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T10:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-24T11:00:00.000Z"},{"type":"VARCHAR","value":"DELETE"},{"type":"VARCHAR","value":"5xx"}]
