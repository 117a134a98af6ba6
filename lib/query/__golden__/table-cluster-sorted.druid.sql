SELECT "broker", "topic", SUM("bytes_in") AS "bytes_in", SUM("request_latency_ms") / SUM("count") AS "latency_avg", MAX("consumer_lag_max") AS "consumer_lag_max"
FROM "cluster_metrics"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
  AND "cluster" IN (?)
GROUP BY 1, 2
ORDER BY "topic" ASC, "broker" ASC
LIMIT 100
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1795478400000},{"type":"BIGINT","value":1795564800000},{"type":"VARCHAR","value":"acme-prod-us"}]
