import 'server-only';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'pulse_' });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: 'pulse_http_requests_total', help: 'API requests by route and status', labelNames: ['route', 'status'], registers }),
    httpSeconds: new Histogram({ name: 'pulse_http_request_seconds', help: 'API latency', labelNames: ['route'], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers }),
    cacheRequests: new Counter({ name: 'pulse_cache_requests_total', help: 'Answer cache lookups by result (hit, miss, stale)', labelNames: ['result'], registers }),
    engineQueries: new Counter({ name: 'pulse_engine_queries_total', help: 'Queries sent to the engine, by outcome', labelNames: ['engine', 'outcome'], registers }),
    engineSeconds: new Histogram({ name: 'pulse_engine_query_seconds', help: 'Engine query latency', labelNames: ['engine'], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers }),
    engineCancels: new Counter({ name: 'pulse_engine_cancels_total', help: 'Cancel requests sent to the engine, by its answer', labelNames: ['engine', 'result'], registers }),
    cacheBytes: new Gauge({ name: 'pulse_cache_bytes', help: 'Bytes held by the answer cache', registers }),
    ingestEvents: new Counter({ name: 'pulse_ingest_events_total', help: 'Kafka events appended to the embedded engine', labelNames: ['topic'], registers }),
    ingestHeld: new Counter({
      name: 'pulse_ingest_held_total',
      help: 'Kafka events held back for a timestamp too far ahead (released when due) or too late (kept aside)',
      labelNames: ['topic', 'reason'],
      registers,
    }),
    ingestRejected: new Counter({ name: 'pulse_ingest_rejected_total', help: 'Kafka events that did not match their schema', labelNames: ['topic'], registers }),
    thresholdRecords: new Counter({ name: 'pulse_threshold_records_total', help: 'Alert threshold records published to the Flink alert job\'s compacted topic', registers }),
    thresholdPublishFailures: new Counter({ name: 'pulse_threshold_publish_failures_total', help: 'Failed attempts to publish alert thresholds (each is retried until it succeeds)', registers }),
    incrementalRefreshes: new Counter({
      name: 'pulse_incremental_refreshes_total',
      help: 'Answers that reused stored closed buckets and asked the engine only for the open edge: series (time series) or totals (KPI, top-N, table partial aggregates)',
      labelNames: ['shape'],
      registers,
    }),
    tierReads: new Counter({
      name: 'pulse_tier_reads_total',
      help: 'Druid queries a rollup tier could answer: merged from per-part partial aggregates (merged), or asked of the datasource alone because a part held more groups than are merged (too_many_groups)',
      labelNames: ['outcome'],
      registers,
    }),
    incrementalFallbacks: new Counter({
      name: 'pulse_incremental_fallbacks_total',
      help: 'Live KPI, top-N and table answers re-queried in full because their closed part cannot be merged exactly, by reason (too_many_groups, too_many_values, unaligned, sketch: a Druid distinct count or quantile)',
      labelNames: ['reason'],
      registers,
    }),
    streamsOpen: new Gauge({ name: 'pulse_streams_open', help: 'Live dashboard streams (GET /api/stream) open now', registers }),
    streamComputations: new Counter({ name: 'pulse_stream_computations_total', help: "Times a streamed view's panels were answered again because its data moved on (once per view, however many watch it)", registers }),
    streamTickFailures: new Counter({ name: 'pulse_stream_tick_failures_total', help: 'Stream ticks that failed (the next tick retries)', registers }),
    dataLagSeconds: new Gauge({ name: 'pulse_data_lag_seconds', help: "Seconds between now and the freshest tenant's newest data, by datasource", labelNames: ['datasource'], registers }),
  };
}

export type Metrics = ReturnType<typeof create>;

const g = globalThis as { __pulseMetrics?: Metrics };

/** One registry per process, however many route bundles import this module. */
export function metrics(): Metrics {
  return (g.__pulseMetrics ??= create());
}
