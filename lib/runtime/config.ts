import 'server-only';
import { z } from 'zod';
import { join } from 'node:path';
import { parseTrustedProxies } from '@/lib/auth/client-address';
import { secretProblem } from '@/lib/auth/keys';
import { DEFAULT_TIMELINESS } from '@/lib/ingest/timeliness';

/** Where the app-state database is: read by the app and by the admin CLI (scripts/admin.ts). */
export const StoreEnvSchema = z.object({
  /**
   * postgres://user@host:port/db — the app-state database (tenants, users, sessions, webhooks, …)
   * shared by every instance; unset: embedded PostgreSQL (PGlite) under PULSE_DATA_DIR, one instance.
   */
  PULSE_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  /** Where the app keeps its files; the embedded database is PULSE_DATA_DIR/pglite. */
  PULSE_DATA_DIR: z.string().min(1).default('var/data'),
});

const EnvSchema = StoreEnvSchema.extend({
  PULSE_ENGINE: z.enum(['embedded', 'druid']).default('embedded'),
  PULSE_SAMPLE_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  PULSE_SAMPLE_SCALE: z.coerce.number().int().min(1).max(200).default(1),
  /** Repeats the sample tenants as distinct tenants (acme2, globex2, …) for load tests. */
  PULSE_SAMPLE_TENANT_COPIES: z.coerce.number().int().min(1).max(200).default(1),
  /** off: no live appends (the data stays as seeded). */
  PULSE_LIVE: z.enum(['on', 'off']).default('on'),
  /**
   * Rollup tiers on the embedded engine (README, "Rollup tiers"): built at start, folded into by
   * every append, read by the planner. Off by default until a quiet-machine benchmark shows a win.
   */
  PULSE_TIERS: z.enum(['on', 'off']).default('off'),
  /**
   * The sample world's "now" (an ISO instant) instead of the start time: the seeded history ends
   * there and each tenant's freshness is judged at it, so every run, on any day, holds the same
   * events at the same instants and anchors relative ranges there. For the screenshot suite
   * (e2e/visual); it needs PULSE_LIVE=off, since live appends would catch up to the real clock.
   */
  PULSE_SAMPLE_ANCHOR: z.iso.datetime({ offset: true }).transform((t) => Math.floor(Date.parse(t) / 1000)).optional(),
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
  /** Live dashboard streams (GET /api/stream) open at once, in all and per tenant (the tenant's quota); beyond, 429 and the browser polls. */
  PULSE_STREAMS_MAX: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  PULSE_STREAMS_PER_TENANT: z.coerce.number().int().min(0).max(1_000_000).default(2_000),
  /** How often a streamed view checks whether its data moved on. */
  PULSE_STREAM_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
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
  /** on: webhooks may target loopback/private addresses (development and tests only). */
  PULSE_WEBHOOKS_ALLOW_PRIVATE: z.enum(['on', 'off']).default('off'),
  /** The SMTP server of e-mail alert destinations (and reports); unset: e-mail destinations are refused. Checked by the outbound address policy. */
  PULSE_SMTP_HOST: z.string().min(1).optional(),
  PULSE_SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(587),
  /** on: TLS from the start (port 465); off: STARTTLS when the server offers it. */
  PULSE_SMTP_SECURE: z.enum(['on', 'off']).default('off'),
  PULSE_SMTP_USER: z.string().optional(),
  PULSE_SMTP_PASS: z.string().optional(),
  /** The From of alert e-mails. */
  PULSE_SMTP_FROM: z.string().min(3).default('Pulseboard <alerts@pulseboard.invalid>'),
  /** PagerDuty's Events API v2 endpoint (tests point it at a local receiver). */
  PULSE_PAGERDUTY_EVENTS_URL: z.url().default('https://events.pagerduty.com/v2/enqueue'),
  /** The Prometheus metrics listener (lib/runtime/metrics-listener.ts), never on the public port; `off`: none. */
  PULSE_METRICS_PORT: z.union([z.literal('off'), z.coerce.number().int().min(1).max(65_535)]).default(9464),
  /** Where the metrics listener binds: loopback unless the scraper sits elsewhere. */
  PULSE_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** CSP frame-ancestors of the pages: 'none' (no framing), or 'self' and origins, space-separated. */
  PULSE_FRAME_ANCESTORS: z
    .string()
    .regex(/^(?:'none'|(?:'self'|https?:\/\/[\w.*-]+(?::\d+)?)(?: (?:'self'|https?:\/\/[\w.*-]+(?::\d+)?))*)$/, "'none', or 'self' and http(s) origins separated by spaces")
    .default("'none'"),
  /** Debian's Chromium, for PDF and PNG exports (lib/render); missing: those exports answer 503 renderer_unavailable. */
  PULSE_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** The app's own origin as that browser reaches it (default http://127.0.0.1:$PORT); its pages may reach nothing else. */
  PULSE_RENDER_ORIGIN: z.url().optional(),
  /** PDF and PNG renders at once (each a browser tab); a few more wait, beyond them 429. */
  PULSE_RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** On SIGTERM: how long the instance keeps answering, not ready (503 on /api/health/ready), before it stops taking requests. */
  PULSE_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** How often scheduled reports are looked for (a "send now" starts at once). */
  PULSE_REPORTS_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** The first retry of a failed report waits about this long, each next one twice as long (at most 15 minutes). */
  PULSE_REPORTS_RETRY_MS: z.coerce.number().int().min(100).max(900_000).default(60_000),
  /** on: the tenants' JWKS URLs may be loopback/private addresses (development and tests only). */
  PULSE_EMBED_JWKS_ALLOW_PRIVATE: z.enum(['on', 'off']).default('off'),
  /** OpenID Connect sign-in: all three or none. The issuer is https (plain http on loopback only, for tests). */
  PULSE_OIDC_ISSUER: z.url().optional(),
  PULSE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  PULSE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The button reads "Sign in with <name>". */
  PULSE_OIDC_NAME: z.string().min(1).max(40).optional(),
  /** ID token claims carrying the tenant id and the role (viewer, editor, admin); may be namespaced URLs. */
  PULSE_OIDC_TENANT_CLAIM: z.string().min(1).max(200).optional(),
  PULSE_OIDC_ROLE_CLAIM: z.string().min(1).max(200).optional(),
  PULSE_OIDC_SCOPES: z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'space-separated scope tokens').optional(),
}).superRefine((env, ctx) => {
  for (const problem of oidcProblems(env)) ctx.addIssue({ code: 'custom', ...problem });
  const problem = secretProblem({ secret: env.PULSE_SECRET, previous: env.PULSE_SECRET_PREVIOUS, demoMode: isDemoMode(env) });
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.setting], message: problem.message });
  if (env.PULSE_SAMPLE_ANCHOR !== undefined && env.PULSE_LIVE === 'on') {
    ctx.addIssue({ code: 'custom', path: ['PULSE_SAMPLE_ANCHOR'], message: 'needs PULSE_LIVE=off (live appends would run from the anchor up to the clock)' });
  }
  try {
    parseTrustedProxies(env.PULSE_TRUSTED_PROXIES);
  } catch (err) {
    ctx.addIssue({ code: 'custom', path: ['PULSE_TRUSTED_PROXIES'], message: (err as Error).message });
  }
});

export type Config = z.infer<typeof EnvSchema>;

const OIDC_REQUIRED = ['PULSE_OIDC_ISSUER', 'PULSE_OIDC_CLIENT_ID', 'PULSE_OIDC_CLIENT_SECRET'] as const;
const OIDC_OPTIONAL = ['PULSE_OIDC_NAME', 'PULSE_OIDC_TENANT_CLAIM', 'PULSE_OIDC_ROLE_CLAIM', 'PULSE_OIDC_SCOPES'] as const;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Half a single sign-on setup is a mistake to stop at, not a feature to leave off quietly. */
function oidcProblems(env: Partial<Record<(typeof OIDC_REQUIRED)[number] | (typeof OIDC_OPTIONAL)[number], string>>): { path: string[]; message: string }[] {
  const set = [...OIDC_REQUIRED, ...OIDC_OPTIONAL].filter((k) => env[k] !== undefined);
  if (set.length === 0) return [];
  const problems = OIDC_REQUIRED.filter((k) => env[k] === undefined).map((k) => ({
    path: [k],
    message: `required for OpenID Connect sign-in (${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set; set ${OIDC_REQUIRED.join(', ')} together, or none of the PULSE_OIDC_ settings)`,
  }));
  const issuer = env.PULSE_OIDC_ISSUER ? URL.parse(env.PULSE_OIDC_ISSUER) : null;
  if (issuer && issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && LOOPBACK.test(issuer.hostname))) {
    problems.push({ path: ['PULSE_OIDC_ISSUER'], message: 'must be an https URL (plain http only on a loopback address, for tests)' });
  }
  return problems;
}

/** Demo mode: the embedded engine with its generated sample data, no Kafka, no Druid. */
export function isDemoMode(config: Pick<Config, 'PULSE_ENGINE' | 'KAFKA_BROKERS'>): boolean {
  return config.PULSE_ENGINE === 'embedded' && !config.KAFKA_BROKERS;
}

/**
 * Demo mode without PULSE_SECRET seals tenant secrets (lib/auth/secret-box.ts) with this fixed,
 * public key, so the app and the admin CLI (separate processes) read each other's: demo data
 * only. Outside demo mode PULSE_SECRET is required and the key is derived from it.
 */
const DEMO_SEALING_SECRET = 'pulseboard-demo-mode-sealing-secret-public-not-for-real-data';

/** The app secrets tenant secrets are sealed with (current first), for the runtime and the admin CLI; throws outside demo mode without PULSE_SECRET. */
export function sealingSecrets(env: Partial<Pick<Config, 'PULSE_SECRET' | 'PULSE_SECRET_PREVIOUS' | 'PULSE_ENGINE' | 'KAFKA_BROKERS'>>): string[] {
  if (env.PULSE_SECRET) return [env.PULSE_SECRET, ...(env.PULSE_SECRET_PREVIOUS ? [env.PULSE_SECRET_PREVIOUS] : [])];
  if (isDemoMode({ PULSE_ENGINE: env.PULSE_ENGINE ?? 'embedded', KAFKA_BROKERS: env.KAFKA_BROKERS })) return [DEMO_SEALING_SECRET];
  throw new Error('PULSE_SECRET is required outside demo mode: tenant secrets are encrypted with a key derived from it.');
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

/** The app-state database of these settings, as lib/store opens it. */
export function appStateLocation(env: z.infer<typeof StoreEnvSchema>): { databaseUrl?: string; pgliteDir: string } {
  return { databaseUrl: env.PULSE_DATABASE_URL, pgliteDir: join(env.PULSE_DATA_DIR, 'pglite') };
}
