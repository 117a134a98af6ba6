// embed: what an embed token costs per request. In process: Auth.principal for a session cookie
// (the baseline) and for a Bearer embed token, both on their cached path, and an embed token's
// first verification (HS256). Against the built app: cache-hit POST /api/query throughput with
// the token versus with the cookie, same body, same connections, same run.
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { Auth } from '@/lib/auth/auth';
import { cookiePolicy } from '@/lib/auth/cookies';
import { EmbedTokens } from '@/lib/auth/embed-token';
import { keyRing } from '@/lib/auth/keys';
import { LoginLimiter } from '@/lib/auth/login-limiter';
import { MemorySessionStore } from '@/lib/auth/session-store';
import { report, round } from './report';
import { benchPort } from './ports';
import { login, startApp } from './server';

const SECRET = 'bench-embedding-secret-'.padEnd(48, 'b');
const TENANTS = { acme: { hsSecrets: [SECRET], allowedOrigins: ['https://app.acme.example'] } };
const N = Number(process.env.BENCH_ITERATIONS ?? 50_000);
const PORT = Number(process.env.BENCH_EMBED_PORT ?? benchPort('embed'));
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

const sign = (sub: string, locked = 'acme-prod-eu', secret = SECRET) =>
  new SignJWT({ tenant: 'acme', dashboards: ['cluster-overview'], filters: [{ dim: 'cluster', op: 'in', values: [locked] }] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setAudience('pulseboard')
    .setExpirationTime('50m')
    .sign(new TextEncoder().encode(secret));

async function perCallUs(n: number, call: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(n, 1_000); i++) await call(i); // warm-up
  const t = performance.now();
  for (let i = 0; i < n; i++) await call(i);
  return ((performance.now() - t) * 1000) / n;
}

const auth = new Auth({
  keys: keyRing({ secret: 'bench-session-secret-'.padEnd(48, 's'), previous: undefined }),
  store: new MemorySessionStore(),
  limiter: new LoginLimiter(undefined),
  cookie: cookiePolicy('http://localhost:3000'),
  trustedProxies: [],
  directory: { findLogin: async () => null },
  embed: new EmbedTokens({ embedSettings: async (t) => (t in TENANTS ? TENANTS[t as keyof typeof TENANTS] : undefined) }),
});
const cookie = `pb_session=${await auth.issue({ email: 'demo@acme.test', tenant: 'acme', tenantName: 'Acme Corp', role: 'viewer' })}`;
const bearer = `Bearer ${await sign('bench-viewer')}`;
const sessionUs = await perCallUs(N, () => auth.principal({ cookie }));
const embedUs = await perCallUs(N, () => auth.principal({ authorization: bearer }));
// First sight of a token: each one is new to the verifier (signature, claims, settings lookup).
const fresh = await Promise.all(Array.from({ length: 5_000 }, (_, i) => sign(`viewer-${i}`)));
const firstUs = await perCallUs(fresh.length - 1_000, (i) => auth.principal({ authorization: `Bearer ${fresh[i + 1_000]}` }));
report({
  name: 'embed-verify',
  figure: round(embedUs, 3),
  baseline: round(sessionUs, 3),
  unit: 'µs per request to establish the principal (cached path): embed token vs session cookie',
  better: 'lower',
  notes: { iterations: N, firstVerificationUs: round(firstUs, 2) },
});

// The same through the built app: a cache-hit panel, with the token and with the cookie.
const app = await startApp(PORT);
try {
  const appCookie = await login(app.url);
  // The tenant's embedding secret, issued by its admin as a vendor would get it (the database holds the settings).
  const issued = await fetch(`${app.url}/api/admin/embed/secret`, { method: 'POST', headers: { cookie: appCookie } });
  if (!issued.ok) throw new Error(`issuing the embed secret failed: ${issued.status}`);
  const appBearer = `Bearer ${await sign('bench-viewer', 'acme-prod-eu', ((await issued.json()) as { secret: string }).secret)}`;
  const body = JSON.stringify({ dashboard: 'cluster-overview', panel: 'top_topics', view: { range: { last: 'P1D' }, tz: 'UTC' } });
  const run = async (auth: Record<string, string>) => {
    const headers = { 'content-type': 'application/json', 'accept-encoding': 'gzip, br', ...auth };
    for (let i = 0; i < 2; i++) await fetch(`${app.url}/api/query`, { method: 'POST', headers, body }); // miss, then hit
    const r = (await autocannon({ url: `${app.url}/api/query`, method: 'POST', headers, body, connections: 20, duration: DURATION })) as autocannon.Result;
    if (r.non2xx > 0) throw new Error(`${r.non2xx} non-2xx answers`);
    return r;
  };
  const withCookie = await run({ cookie: appCookie });
  const withToken = await run({ authorization: appBearer });
  report({
    name: 'embed-cached',
    figure: round(withToken.requests.average),
    baseline: round(withCookie.requests.average),
    unit: 'requests/s (cache hit, POST /api/query top_topics): Bearer embed token vs session cookie',
    better: 'higher',
    notes: { connections: 20, seconds: DURATION, p99MsToken: withToken.latency.p99, p99MsCookie: withCookie.latency.p99 },
  });
} finally {
  app.stop();
}
