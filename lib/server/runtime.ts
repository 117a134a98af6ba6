import 'server-only';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import { WebhookDispatcher } from '@/lib/alerts/dispatcher';
import { startAlertNotifier } from '@/lib/alerts/notifier';
import { WebhookRegistry } from '@/lib/alerts/webhooks';
import { BucketStore } from '@/lib/cache/bucket-store';
import { RepresentationCache } from '@/lib/cache/representations';
import { Redis } from 'ioredis';
import { ResponseCache } from '@/lib/cache/response-cache';
import { SharedStore } from '@/lib/cache/shared-store';
import { Admission } from '@/lib/query/admission';
import { DruidEngine } from '@/lib/engines/druid';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import type { Engine } from '@/lib/engines/engine';
import { SAMPLE_TABLES } from '@/lib/ingest/sample-sql';
import { seedSample } from '@/lib/ingest/sample-world';
import { startKafkaIngest } from '@/lib/ingest/kafka-ingest';
import { startLiveSample } from '@/lib/ingest/live';
import type { CachedAnswer } from '@/lib/query/service';
import { logger } from '@/lib/metrics/log';
import { loadConfig, type Config } from './config';

export type Runtime = {
  config: Config;
  engine: Engine;
  webhooks: WebhookRegistry;
  dispatcher: WebhookDispatcher;
  cache: ResponseCache<CachedAnswer>;
  /** Serialized, compressed answers to repeated requests, reused for a second. */
  representations: RepresentationCache;
  /** Closed time-series buckets, so refreshes re-query only what can still change. */
  buckets: BucketStore;
  /** Engine capacity, shared fairly between tenants. */
  admission: Admission;
  startedAt: number;
  /** Exclusive end of the newest data per datasource, cached for a second. */
  dataUntil(datasource: DatasourceId): Promise<number | null>;
};

const g = globalThis as { __pulseRuntime?: Promise<Runtime> };

/** The process-wide engine and cache, created on first use (instrumentation.ts does it at boot). */
export function getRuntime(): Promise<Runtime> {
  g.__pulseRuntime ??= createRuntime(loadConfig()).catch((err) => {
    g.__pulseRuntime = undefined;
    throw err;
  });
  return g.__pulseRuntime;
}

async function createRuntime(config: Config): Promise<Runtime> {
  const started = performance.now();
  const engine = await createEngine(config);
  const cache = new ResponseCache<CachedAnswer>(
    { maxBytes: config.PULSE_CACHE_MB * 1024 * 1024, swrMs: 30_000, shared: config.PULSE_REDIS_URL ? sharedStore(config.PULSE_REDIS_URL, config.PULSE_QUERY_TIMEOUT_MS + 5_000) : undefined },
    (a) => a.bytes,
  );
  const freshness = new Map<DatasourceId, { at: number; value: Promise<number | null> }>();
  const lastKnown = new Map<DatasourceId, number | null>();
  const webhooks = new WebhookRegistry(config.PULSE_WEBHOOKS_FILE, config.PULSE_WEBHOOKS_ALLOW_PRIVATE === 'on');
  const dispatcher = new WebhookDispatcher({
    onLog: ({ tenant, outcome, attempt, status, error }) => logger().info({ tenant, outcome, attempt, status, error }, 'webhook delivery'),
  });
  if (config.KAFKA_BROKERS) {
    await startAlertNotifier({ brokers: config.KAFKA_BROKERS.split(','), registry: webhooks, dispatcher, publicUrl: config.PULSE_PUBLIC_URL });
  }
  const runtime: Runtime = {
    config,
    engine,
    webhooks,
    dispatcher,
    cache,
    representations: new RepresentationCache((config.PULSE_CACHE_MB * 1024 * 1024) / 4),
    buckets: new BucketStore((config.PULSE_CACHE_MB * 1024 * 1024) / 4),
    admission: new Admission({
      maxRunning: config.PULSE_MAX_RUNNING,
      maxRunningPerTenant: Math.max(1, Math.ceil(config.PULSE_MAX_RUNNING * config.PULSE_TENANT_SHARE)),
      maxQueued: config.PULSE_MAX_QUEUED,
      maxQueuedPerTenant: Math.max(1, Math.ceil(config.PULSE_MAX_QUEUED * config.PULSE_TENANT_SHARE)),
    }),
    startedAt: Date.now(),
    dataUntil(datasource) {
      const hit = freshness.get(datasource);
      if (hit && Date.now() - hit.at < 1000) return hit.value;
      const value = engine.dataUntil(datasource).then(
        (until) => (lastKnown.set(datasource, until), until),
        (err) => {
          freshness.delete(datasource);
          // Engine down: keep planning with the last known freshness, so seen views can be served stale.
          if (lastKnown.has(datasource)) return lastKnown.get(datasource)!;
          throw err;
        },
      );
      freshness.set(datasource, { at: Date.now(), value });
      return value;
    },
  };
  logger().info({ engine: engine.name, ms: Math.round(performance.now() - started) }, 'engine ready');
  return runtime;
}

function sharedStore(url: string, lockMs: number): SharedStore<CachedAnswer> {
  // Fail fast while Redis is away (no offline queue, one retry): the cache then works locally.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (err) => logger().warn({ message: err.message }, 'redis unavailable'));
  return new SharedStore<CachedAnswer>(redis, { prefix: 'pulse:v1:', lockMs, pollMs: 10 });
}

async function createEngine(config: Config): Promise<Engine> {
  if (config.PULSE_ENGINE === 'druid') return new DruidEngine(config.PULSE_DRUID_URL, { lane: config.PULSE_DRUID_LANE });
  const engine = await EmbeddedEngine.create({ path: config.PULSE_DUCKDB_PATH });
  if (config.KAFKA_BROKERS) {
    await engine.setThreads(config.PULSE_DUCKDB_THREADS);
    await startKafkaIngest(engine, config.KAFKA_BROKERS.split(','));
    return engine;
  }
  const anchorSec = Math.floor(Date.now() / 1000);
  const conn = await engine.connect();
  const rows = await seedSample(conn, { anchorSec, days: config.PULSE_SAMPLE_DAYS, scale: config.PULSE_SAMPLE_SCALE, tenantCopies: config.PULSE_SAMPLE_TENANT_COPIES });
  conn.closeSync();
  logger().info({ rows }, 'sample data loaded');
  await engine.setThreads(config.PULSE_DUCKDB_THREADS);
  for (const t of SAMPLE_TABLES) engine.noteAppended(t, anchorSec * 1000);
  if (config.PULSE_LIVE === 'on') await startLiveSample(engine, anchorSec, anchorSec);
  return engine;
}
