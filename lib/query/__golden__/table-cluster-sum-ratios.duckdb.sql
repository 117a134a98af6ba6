SELECT "broker", SUM("bytes_in") AS "bytes_in", SUM("bytes_in") FILTER (WHERE "topic" IN ('orders', 'payments')) AS "bytes_orders", SUM("messages_in") AS "messages_in", SUM("consumer_lag") / SUM("count") AS "lag_avg", SUM("bytes_in") FILTER (WHERE "topic" IN ('orders', 'payments')) * 1.0 / NULLIF(SUM("bytes_in"), 0) AS "orders_share", SUM("bytes_in") * 1.0 / NULLIF(SUM("messages_in"), 0) AS "bytes_per_message"
FROM "cluster_metrics"
WHERE "tenant" = ?
  AND "ts" >= ?::TIMESTAMPTZ
  AND "ts" < ?::TIMESTAMPTZ
GROUP BY 1
ORDER BY "broker" ASC
LIMIT 10
-- params: [{"type":"VARCHAR","value":"acme"},{"type":"VARCHAR","value":"2026-11-24T00:00:00.000Z"},{"type":"VARCHAR","value":"2026-11-25T00:00:00.000Z"}]
