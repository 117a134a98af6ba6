import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { SessionRequestSchema } from '@/lib/contract/schemas';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** Sign-in: 401 on a wrong email or password, 429 with Retry-After after too many of them. */
export const POST = route('session', async (req, ctx) => {
  const { email, password } = await parseBody(req, SessionRequestSchema);
  const { user, setCookie } = await (await getRuntime()).auth.signIn(req, email, password);
  ctx.note({ tenant: user.tenant });
  return json({ user }, { headers: { 'set-cookie': setCookie } });
});

export const GET = route('session', async (req, ctx) => json({ user: signedIn(await (await getRuntime()).auth.requireUser(req), ctx) }));

/** Sign-out: the session is revoked on every instance, so its cookie no longer works anywhere; always possible. */
export const DELETE = route('session', async (req) => json({ ok: true }, { headers: { 'set-cookie': await (await getRuntime()).auth.signOut(req) } }));

export const { PUT, PATCH, OPTIONS } = undeclared('session', '/api/session');
