import 'server-only';
import { z } from 'zod';
import { parseTrustedProxies } from '@/lib/auth/client-address';
import { secretProblem } from '@/lib/auth/keys';
import { DEFAULT_TIMELINESS } from '@/lib/ingest/timeliness';

const EnvSchema = z.object({
  PULSE_ENGINE: z.enum(['embedded', 'druid']).default('embedded'),
  PULSE_SAMPLE_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  PULSE_SAMPLE_SCALE: z.coerce.number().int().min(1).max(200).default(1),
  /** Repeats the sample tenants as distinct tenants (acme2, globex2, …) for load tests. */
  PULSE_SAMPLE_TENANT_COPIES: z.coerce.number().int().min(1).max(200).default(1),
  /** off: no live appends (the data stays as seeded). */
  PULSE_LIVE: z.enum(['on', 'off']).default('on'),
  /**
   * Events stamped more than this many seconds ahead of the clock are held back at ingest (and
   * rejected by Druid's supervisors, see stack/up.sh) and never move a tenant's "now".
   */
  PULSE_INGEST_MAX_FUTURE_S: z.coerce.number().int().min(0).max(86_400).default(DEFAULT_TIMELINESS.maxFutureMs / 1000),
  PULSE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  PULSE_CONFIG_DIR: z.string().min(1).default('config'),
  PULSE_CONFIG_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  PULSE_CACHE_MB: z.coerce.number().int().min(1).max(16_384).default(256),
  /** Engine queries running at once (cache misses); more wait, fairly shared between tenants. */
  PULSE_MAX_RUNNING: z.coerce.number().int().min(1).max(1_000).default(8),
  /** The fraction of running slots (and of the queue) one tenant may hold. */
  PULSE_TENANT_SHARE: z.coerce.number().min(0.01).max(1).default(0.5),
  /** Waiting queries beyond this are refused with 429 at once. */
  PULSE_MAX_QUEUED: z.coerce.number().int().min(0).max(100_000).default(256),
  PULSE_DRUID_URL: z.url().default('http://127.0.0.1:8888'),
  /** redis://host:port — several app instances then share answers and run each query once. */
  PULSE_REDIS_URL: z.url().optional(),
  /** A query lane configured on the Druid broker (druid.query.scheduler.laning), if any. */
  PULSE_DRUID_LANE: z.string().regex(/^[a-z0-9_-]+$/).optional(),
  /** Comma-separated host:port list; when set the embedded engine consumes Kafka instead of generating. */
  KAFKA_BROKERS: z.string().regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/).optional(),
  /**
   * DuckDB threads per query once the data is loaded. One thread per query serves concurrent
   * dashboard queries best on small machines (2 cores: 788 vs 423 small queries/s, 8 at once).
   */
  PULSE_DUCKDB_THREADS: z.coerce.number().int().min(1).max(256).default(1),
  /** Where the embedded engine keeps its data; a file survives restarts (with Kafka, resuming at stored offsets). */
  PULSE_DUCKDB_PATH: z.string().default(':memory:'),
  /** Base of links in webhook payloads; https makes the session cookie `__Host-pb_session; Secure`. */
  PULSE_PUBLIC_URL: z.url().default('http://localhost:3000'),
  /** Session signing key, at least 32 bytes; required outside demo mode. */
  PULSE_SECRET: z.string().optional(),
  /** The key before the last rotation: its sessions stay valid until they expire. */
  PULSE_SECRET_PREVIOUS: z.string().optional(),
  /** Comma-separated CIDRs of reverse proxies whose X-Forwarded-For is believed. */
  PULSE_TRUSTED_PROXIES: z.string().optional(),
  /** Demo accounts: on by default in demo mode only. */
  PULSE_DEMO_USERS: z.enum(['on', 'off']).optional(),
  /** Crash-safe file (replaced atomically) holding tenants' webhooks and the delivery outbox; unset: memory only. */
  PULSE_WEBHOOKS_FILE: z.string().optional(),
  /** on: webhooks may target loopback/private addresses (development and tests only). */
  PULSE_WEBHOOKS_ALLOW_PRIVATE: z.enum(['on', 'off']).default('off'),
}).superRefine((env, ctx) => {
  const problem = secretProblem({ secret: env.PULSE_SECRET, previous: env.PULSE_SECRET_PREVIOUS, demoMode: isDemoMode(env) });
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.setting], message: problem.message });
  try {
    parseTrustedProxies(env.PULSE_TRUSTED_PROXIES);
  } catch (err) {
    ctx.addIssue({ code: 'custom', path: ['PULSE_TRUSTED_PROXIES'], message: (err as Error).message });
  }
});

export type Config = z.infer<typeof EnvSchema>;

/** Demo mode: the embedded engine with its generated sample data, no Kafka, no Druid. */
export function isDemoMode(config: Pick<Config, 'PULSE_ENGINE' | 'KAFKA_BROKERS'>): boolean {
  return config.PULSE_ENGINE === 'embedded' && !config.KAFKA_BROKERS;
}

/** Read once; a bad setting stops start-up with a message naming it. */
export function loadConfig(env: Partial<NodeJS.ProcessEnv> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
