SELECT "broker", SUM("bytes_in") AS "bytes_in", SUM("bytes_in") FILTER (WHERE "topic" IN ('orders', 'payments')) AS "bytes_orders", SUM("messages_in") AS "messages_in", CAST(SUM("consumer_lag") AS DOUBLE) / SUM("count") AS "lag_avg", CAST(SUM("bytes_in") FILTER (WHERE "topic" IN ('orders', 'payments')) AS DOUBLE) / NULLIF(SUM("bytes_in"), 0) AS "orders_share", CAST(SUM("bytes_in") AS DOUBLE) / NULLIF(SUM("messages_in"), 0) AS "bytes_per_message"
FROM "cluster_metrics"
WHERE "tenant" = ?
  AND "__time" >= MILLIS_TO_TIMESTAMP(?)
  AND "__time" < MILLIS_TO_TIMESTAMP(?)
GROUP BY 1
ORDER BY "broker" ASC
LIMIT 10
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"BIGINT","value":1795478400000},{"type":"BIGINT","value":1795564800000}]
