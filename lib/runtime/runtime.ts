import 'server-only';
import { openAlertDelivery } from '@/lib/alerts/alert-delivery';
import { DbAlertStore } from '@/lib/alerts/db-alert-store';
import type { DestinationAnnouncer } from '@/lib/alerts/destinations/announcer';
import { DbDestinationStore } from '@/lib/alerts/destinations/db-destination-store';
import type { DestinationRegistry } from '@/lib/alerts/destinations/registry';
import { sweepResolutions } from '@/lib/alerts/destinations/resolution-sweep';
import { startAlertNotifier } from '@/lib/alerts/notifier';
import type { Outbox } from '@/lib/alerts/outbox';
import { ThresholdFeed } from '@/lib/alerts/threshold-feed';
import { kafkaThresholdSink } from '@/lib/alerts/threshold-topic';
import type { WebhookRegistry } from '@/lib/alerts/webhooks';
import type { Auth } from '@/lib/auth/auth';
import type { CachedEmbedDirectory } from '@/lib/auth/embed-directory';
import type { OidcSignIn } from '@/lib/auth/oidc';
import type { SecretBox } from '@/lib/auth/secret-box';
import { BucketStore } from '@/lib/cache/bucket-store';
import { RepresentationCache } from '@/lib/cache/representations';
import { Redis } from 'ioredis';
import { ResponseCache } from '@/lib/cache/response-cache';
import { SharedStore } from '@/lib/cache/shared-store';
import { Admission } from '@/lib/service/admission';
import type { Renderer } from '@/lib/render/renderer';
import type { ReportScheduler } from '@/lib/reports/scheduler';
import { DruidEngine } from '@/lib/engines/druid';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import type { Engine } from '@/lib/engines/engine';
import { noteSampleComplete, seedSample, tenantCopiesOf } from '@/lib/ingest/sample-world';
import { startKafkaIngest } from '@/lib/ingest/kafka-ingest';
import { DEFAULT_TIMELINESS } from '@/lib/ingest/timeliness';
import { startLiveSample } from '@/lib/ingest/live';
import { logger } from '@/lib/metrics/log';
import { metrics } from '@/lib/metrics/registry';
import type { Answering, CachedAnswer } from '@/lib/service/service';
import { FRESHNESS_DEFAULTS, Freshness } from '@/lib/service/freshness';
import { demoUsersEnabled } from '@/lib/auth/users';
import { openStore, type Store } from '@/lib/store/store';
import { declarations, describeDeclarations, listDatasources, watchDeclarations } from '@/lib/dashboards/registry';
import { checkEngineColumns } from '@/lib/service/declared-columns';
import { tenantDashboard } from '@/lib/api/tenant-dashboards';
import { createAuth } from './auth';
import { createRenderer } from './render';
import { startReports } from './reports';
import { Readiness } from '@/lib/service/readiness';
import { StreamHub } from '@/lib/service/stream-hub';
import { appStateLocation, isDemoMode, loadConfig, type Config } from './config';
import { seedDemo } from './demo-seed';

export type Runtime = Answering & {
  config: Config;
  webhooks: WebhookRegistry;
  /** Durable webhook delivery: alerts stored before their Kafka offsets are committed. */
  outbox: Outbox;
  /** E-mail, Slack and PagerDuty destinations: the registry (API) and the announcer (alerts, resolutions, tests) into the outbox. */
  destinations: { registry: DestinationRegistry; announcer: DestinationAnnouncer };
  /** Serialized, compressed answers to repeated requests, reused for a second. */
  representations: RepresentationCache;
  /** Sign-in, session checks and revocation. */
  auth: Auth;
  /** Live push (GET /api/stream): one computation per watched view, shared by its watchers. */
  streams: StreamHub;
  /** GET /api/health/ready: the engine check, run at most every few seconds. */
  readiness: Readiness;
  /** OpenID Connect sign-in, when configured. */
  oidc: OidcSignIn | undefined;
  /** The app-state database: tenants, users, memberships, sessions, settings, audit log. */
  store: Store;
  /** Tenants' embedding settings (from the store, cached a few seconds); forget(tenant) after a change. */
  embed: CachedEmbedDirectory;
  /** Seals the tenant secrets the store keeps. */
  secretBox: SecretBox;
  /** With Kafka: publishes tenants' alert thresholds to the Flink alert job (call `changed` after a committed change). */
  thresholdFeed: ThresholdFeed | undefined;
  /** PDF and PNG exports: the app's pages in a server-side Chromium, started at the first render. */
  renderer: Renderer;
  /** Scheduled reports: due runs drawn by the renderer and sent by e-mail or to the tenant's webhook. */
  reports: ReportScheduler;
  startedAt: number;
};

/** How long a readiness check is reused: probes never add engine work beyond one check per this. */
const READY_CHECK_MS = 5_000;

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
  const redis = config.PULSE_REDIS_URL ? redisClient(config.PULSE_REDIS_URL) : undefined;
  startDeclarations(config);
  // The app-state database (PGlite opens in seconds) and the engine (the sample generated) are
  // independent: made side by side, start-up waits for the slower one, not for both.
  const [{ store, auth, oidc, embed, secretBox }, engine] = await Promise.all([
    openAppState(config).then(async (store) => ({ store, ...(await createAuth(config, redis, store)) })),
    createEngine(config),
  ]);
  await checkDeclaredColumns(engine, config);
  const cache = new ResponseCache<CachedAnswer>(
    { maxBytes: config.PULSE_CACHE_MB * 1024 * 1024, swrMs: 30_000, shared: redis ? new SharedStore<CachedAnswer>(redis, { prefix: 'pulse:v2:', lockMs: config.PULSE_QUERY_TIMEOUT_MS + 5_000, pollMs: 10 }) : undefined },
    (a) => a.bytes,
  );
  const destinationStore = new DbDestinationStore(store.db, secretBox);
  const alertStore = new DbAlertStore(store.db);
  const delivery = openAlertDelivery({
    store: alertStore,
    destinations: destinationStore,
    outbound: { allowPrivate: config.PULSE_WEBHOOKS_ALLOW_PRIVATE === 'on' },
    outbox: { onAttempt: ({ tenant, id, destination, state, attempts, lastStatus, lastReason }) => logger().info({ tenant, id, destination, state, attempts, lastStatus, lastReason }, 'alert delivery') },
    smtp: smtpSettings(config),
    pagerDutyUrl: config.PULSE_PAGERDUTY_EVENTS_URL,
    publicUrl: config.PULSE_PUBLIC_URL,
  });
  const { webhooks, outbox } = delivery;
  const destinations = delivery.destinations!; // given a destination store above
  outbox.start();
  if (config.KAFKA_BROKERS) {
    await startAlertNotifier({ brokers: config.KAFKA_BROKERS.split(','), webhooks, outbox, publicUrl: config.PULSE_PUBLIC_URL, announcer: destinations.announcer });
  }
  const thresholdFeed = config.KAFKA_BROKERS ? startThresholdFeed(config.KAFKA_BROKERS.split(','), store) : undefined;
  // A fixed sample world (PULSE_SAMPLE_ANCHOR) is judged at its own "now": its tenants are not silent, their data ends there.
  const anchorSec = config.PULSE_SAMPLE_ANCHOR;
  const sampleNow = anchorSec === undefined ? Date.now : () => anchorSec * 1000;
  const freshness = new Freshness(engine, { ...FRESHNESS_DEFAULTS, maxFutureMs: config.PULSE_INGEST_MAX_FUTURE_S * 1000, now: sampleNow });
  const runtime: Runtime = {
    config,
    engine,
    webhooks,
    outbox,
    destinations,
    auth,
    oidc,
    store,
    embed,
    secretBox,
    thresholdFeed,
    cache,
    representations: new RepresentationCache((config.PULSE_CACHE_MB * 1024 * 1024) / 4),
    buckets: new BucketStore((config.PULSE_CACHE_MB * 1024 * 1024) / 4),
    admission: new Admission({
      maxRunning: config.PULSE_MAX_RUNNING,
      maxRunningPerTenant: Math.max(1, Math.ceil(config.PULSE_MAX_RUNNING * config.PULSE_TENANT_SHARE)),
      maxQueued: config.PULSE_MAX_QUEUED,
      maxQueuedPerTenant: Math.max(1, Math.ceil(config.PULSE_MAX_QUEUED * config.PULSE_TENANT_SHARE)),
    }),
    freshness,
    streams: new StreamHub({ tickMs: config.PULSE_STREAM_TICK_MS, history: 32, maxPerTenant: config.PULSE_STREAMS_PER_TENANT, maxTotal: config.PULSE_STREAMS_MAX }),
    readiness: new Readiness({ engine, freshness }, { ttlMs: READY_CHECK_MS, now: Date.now }),
    queryTimeoutMs: config.PULSE_QUERY_TIMEOUT_MS,
    tenantDashboards: (tenant, id) => tenantDashboard(store, tenant, id),
    renderer: createRenderer(config),
    reports: undefined as unknown as ReportScheduler, // started below, once the runtime it draws with exists
    startedAt: Date.now(),
  };
  startResolutionSweep(runtime, destinationStore);
  runtime.reports = startReports(runtime, { webhooks: alertStore, client: delivery.client, mailer: delivery.mailer });
  logger().info({ engine: engine.name, ms: Math.round(performance.now() - started) }, 'engine ready');
  return runtime;
}

function smtpSettings(config: Config) {
  if (!config.PULSE_SMTP_HOST) return undefined;
  return { host: config.PULSE_SMTP_HOST, port: config.PULSE_SMTP_PORT, secure: config.PULSE_SMTP_SECURE === 'on', user: config.PULSE_SMTP_USER, pass: config.PULSE_SMTP_PASS, from: config.PULSE_SMTP_FROM };
}

/** How often incidents announced to destinations are checked for resolution (automatic, or by a person whose route's own announcement failed). */
const RESOLUTION_SWEEP_MS = 30_000;

function startResolutionSweep(rt: Runtime, store: DbDestinationStore): void {
  const sweep = () =>
    sweepResolutions({
      store,
      announcer: rt.destinations.announcer,
      clock: (datasource, tenant) => rt.freshness.until(datasource, tenant),
      resolvedByPeople: async (tenant, ids) => new Map((await rt.store.alertStates.forAlerts(tenant, ids)).filter((s) => s.state === 'resolved').map((s) => [s.alertId, s.by])),
      onError: (tenant, err) => logger().warn({ tenant, message: (err as Error).message }, 'announcing incident resolutions failed for a tenant; trying again'),
    }).catch((err: unknown) => logger().warn({ message: (err as Error).message }, 'announcing incident resolutions failed; trying again'));
  setInterval(() => void sweep(), RESOLUTION_SWEEP_MS).unref();
}

/**
 * The Flink alert job's thresholds topic, kept equal to the database: a snapshot of every tenant
 * now (not awaited: Kafka may come later, the feed retries), then each change as it is made.
 */
function startThresholdFeed(brokers: string[], store: Store): ThresholdFeed {
  const feed = new ThresholdFeed({
    read: (tenant) => store.thresholds.current(tenant),
    readAll: () => store.thresholds.all(),
    send: kafkaThresholdSink(brokers).send,
    onPublished: (records) => {
      metrics().thresholdRecords.inc(records.length);
      logger().info({ tenants: records.map((r) => r.key) }, 'alert thresholds published');
    },
    onFailure: (err, attempt, retryInMs) => {
      metrics().thresholdPublishFailures.inc();
      logger().warn({ message: err.message, attempt, retryInMs }, 'publishing alert thresholds failed; retrying');
    },
  });
  void feed.snapshot().catch(() => {});
  return feed;
}

/** The app-state database, migrated; in demo mode (or with PULSE_DEMO_USERS=on) with the sample tenants and demo accounts. */
async function openAppState(config: Config): Promise<Store> {
  const store = await openStore({
    ...appStateLocation(config),
    onError: (err) => logger().warn({ message: err.message }, 'app-state database connection failed'),
  });
  logger().info({ database: store.opened.kind, openMs: store.opened.openMs, migrateMs: store.opened.migrateMs, applied: store.opened.applied }, 'app-state database ready');
  const demoMode = isDemoMode(config);
  const accounts = demoUsersEnabled(config.PULSE_DEMO_USERS, demoMode);
  if (accounts && !demoMode) console.warn('[pulseboard] PULSE_DEMO_USERS=on: the demo accounts (password "demo") can sign in to real data');
  await seedDemo(store, demoMode || accounts ? tenantCopiesOf(config.PULSE_SAMPLE_TENANT_COPIES) : [], accounts);
  return store;
}

/**
 * Datasource and dashboard declarations: a bad config at start stops the process with its
 * problems; later edits are polled for, and a bad one is refused while the last good keeps serving.
 */
function startDeclarations(config: Config): void {
  const started = performance.now();
  try {
    const d = declarations();
    console.log(`[config] ${describeDeclarations(d)} from ${config.PULSE_CONFIG_DIR} valid in ${Math.round(performance.now() - started)} ms`);
  } catch (err) {
    console.error(`[config] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  watchDeclarations({ intervalMs: config.PULSE_CONFIG_POLL_MS, log: (line) => console.log(line) });
}

/**
 * The declared columns must be in the engine's tables: a mismatch on the embedded engine (a kept
 * DuckDB file made from older declarations) stops the process; on Druid, whose tables follow
 * the submitted supervisor specs (npm run druid:apply), it is logged.
 */
async function checkDeclaredColumns(engine: Engine, config: Config): Promise<void> {
  const problems = await checkEngineColumns(engine, listDatasources(), config.PULSE_QUERY_TIMEOUT_MS).catch((err: unknown) => [`could not read the engine's columns: ${String(err)}`]);
  if (!problems.length) return;
  if (engine.dialect === 'duckdb') {
    console.error(`[config] the declarations do not match the embedded engine's tables:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.warn(`[config] the declarations do not match Druid's datasources (submit the specs: npm run druid:apply):\n  ${problems.join('\n  ')}`);
}

/** One connection for the shared answers, the login counters and the session revocations. */
function redisClient(url: string): Redis {
  // Fail fast while Redis is away (no offline queue, one retry): each part then works locally.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (err) => logger().warn({ message: err.message }, 'redis unavailable'));
  return redis;
}

async function createEngine(config: Config): Promise<Engine> {
  const tiers = config.PULSE_TIERS === 'on';
  if (config.PULSE_ENGINE === 'druid') return new DruidEngine(config.PULSE_DRUID_URL, { lane: config.PULSE_DRUID_LANE, tiered: tiers });
  const engine = await EmbeddedEngine.create({ path: config.PULSE_DUCKDB_PATH });
  if (config.KAFKA_BROKERS) {
    await engine.setThreads(config.PULSE_DUCKDB_THREADS);
    await startKafkaIngest(engine, config.KAFKA_BROKERS.split(','), undefined, { ...DEFAULT_TIMELINESS, maxFutureMs: config.PULSE_INGEST_MAX_FUTURE_S * 1000 }, { tiers });
    return engine;
  }
  const anchorSec = config.PULSE_SAMPLE_ANCHOR ?? Math.floor(Date.now() / 1000);
  const conn = await engine.connect();
  const { rows, events, tiersMs } = await seedSample(conn, { anchorSec, days: config.PULSE_SAMPLE_DAYS, scale: config.PULSE_SAMPLE_SCALE, tenantCopies: config.PULSE_SAMPLE_TENANT_COPIES, tiers });
  conn.closeSync();
  // The live sample folds into the tiers once the engine reads them (lib/ingest/live.ts).
  if (tiers) engine.enableTiers();
  logger().info({ rows, events, ...(tiers ? { tiersMs } : {}) }, 'sample data loaded');
  await engine.setThreads(config.PULSE_DUCKDB_THREADS);
  const tenants = tenantCopiesOf(config.PULSE_SAMPLE_TENANT_COPIES).map((t) => t.id);
  noteSampleComplete(engine, tenants, anchorSec * 1000);
  if (config.PULSE_LIVE === 'on') await startLiveSample(engine, tenants, anchorSec, anchorSec);
  return engine;
}
