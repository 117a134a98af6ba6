SELECT TIMESTAMP_TO_MILLIS(TIME_FLOOR("__time", 'PT1M')) AS "t", "endpoint", "method", "status_class", "region", COALESCE(SUM("count"), 0) AS "count", SUM("latency_ms") AS "latency_ms", MAX("latency_ms_max") AS "latency_ms_max", SUM("bytes") AS "bytes"
FROM "api_requests"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
  AND ("method" NOT IN (?) OR "method" IS NULL)
  AND "status_class" IN (?)
GROUP BY 1, 2, 3, 4, 5
ORDER BY "t" DESC, "endpoint" ASC, "method" ASC, "status_class" ASC, "region" ASC
LIMIT 1001
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1795514400000},{"type":"BIGINT","value":1795518000000},{"type":"VARCHAR","value":"DELETE"},{"type":"VARCHAR","value":"5xx"}]
