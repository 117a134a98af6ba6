SELECT "broker", "topic", SUM("bytes_in") AS "bytes_in", SUM("request_latency_ms") / SUM("count") AS "latency_avg", MAX("consumer_lag_max") AS "consumer_lag_max"
FROM "cluster_metrics"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
  AND "cluster" IN (?)
GROUP BY 1, 2
ORDER BY "topic" ASC, "broker" ASC
LIMIT 100
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"},{"type":"VARCHAR","value":"acme-prod-us"}]
