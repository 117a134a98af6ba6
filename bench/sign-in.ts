// sign-in: password sign-in reading the account from the app-state database (PGlite, or
// PostgreSQL with PULSE_DATABASE_URL) and recording the session and audit entry, against the
// same sign-in with the account in memory and nothing recorded (how it worked before the
// database), alternating in one run; also the account lookup alone and the database's open and
// migration times. Sign-ins are spaced 300 ms apart so the hashing
// bound (4 a second) does not queue them: the figure is one sign-in's latency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Auth } from '@/lib/auth/auth';
import { PEER_ADDRESS_HEADER } from '@/lib/auth/client-address';
import { cookiePolicy } from '@/lib/auth/cookies';
import { keyRing } from '@/lib/auth/keys';
import { LoginLimiter } from '@/lib/auth/login-limiter';
import { MemorySessionStore } from '@/lib/auth/session-store';
import { SAMPLE_TENANTS } from '@/lib/auth/tenants';
import { createAuth, storeDirectory } from '@/lib/runtime/auth';
import { loadConfig } from '@/lib/runtime/config';
import { seedDemo } from '@/lib/runtime/demo-seed';
import { openStore } from '@/lib/store/store';
import { percentile, report, round } from './report';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-signin-'));
const store = await openStore({ databaseUrl: process.env.PULSE_DATABASE_URL, pgliteDir: join(dir, 'pglite') });
await seedDemo(store, SAMPLE_TENANTS, true);
const { auth } = await createAuth(loadConfig({ PULSE_SECRET: 'b'.repeat(40) }), undefined, store);
const login = (await storeDirectory(store).findLogin('demo@acme.test'))!;
const inMemory = new Auth({
  keys: keyRing({ secret: 'b'.repeat(40), previous: undefined }),
  store: new MemorySessionStore(),
  limiter: new LoginLimiter(undefined),
  cookie: cookiePolicy('http://localhost:3000'),
  trustedProxies: [],
  directory: { findLogin: async (email) => (email === login.user.email ? login : null) },
});
const req = () => new Request('http://bench/api/session', { method: 'POST', headers: { [PEER_ADDRESS_HEADER]: '203.0.113.9' } });

const signIn: number[] = [];
const before: number[] = [];
const lookup: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  await new Promise((r) => setTimeout(r, 300));
  let t = performance.now();
  await store.users.findLogin('demo@acme.test');
  lookup.push(performance.now() - t);
  t = performance.now();
  await auth.signIn(req(), 'demo@acme.test', 'demo');
  signIn.push(performance.now() - t);
  await new Promise((r) => setTimeout(r, 300));
  t = performance.now();
  await inMemory.signIn(req(), 'demo@acme.test', 'demo');
  before.push(performance.now() - t);
}
report({
  name: `sign-in-${store.opened.kind}`,
  figure: round(percentile(signIn, 0.5)),
  baseline: round(percentile(before, 0.5)),
  unit: 'ms (p50)',
  better: 'lower',
  notes: { rounds: ROUNDS, signInP90: round(percentile(signIn, 0.9)), inMemoryP90: round(percentile(before, 0.9)), lookupP50: round(percentile(lookup, 0.5)), lookupP90: round(percentile(lookup, 0.9)), openMs: store.opened.openMs, migrateMs: store.opened.migrateMs, applied: store.opened.applied },
});
await store.close();
rmSync(dir, { recursive: true, force: true });
