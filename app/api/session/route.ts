import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { AppError } from '@/lib/errors/app-error';
import { undeclared } from '@/lib/api/methods';
import { SessionRequestSchema } from '@/lib/contract/schemas';
import { clearedSessionCookie, sessionCookie, signSession } from '@/lib/auth/session';
import { authenticate } from '@/lib/auth/users';

export const dynamic = 'force-dynamic';

export const POST = route('session', async (req, ctx) => {
  const { email, password } = await parseBody(req, SessionRequestSchema);
  const user = await authenticate(email, password);
  if (!user) throw new AppError('unauthenticated', 'Email or password is wrong.');
  ctx.note({ tenant: user.tenant });
  const token = await signSession(user);
  return json({ user }, { headers: { 'set-cookie': sessionCookie(token, req) } });
});

export const GET = route('session', async (req, ctx) => json({ user: await signedIn(req, ctx) }));

/** Clears the cookie whether or not a session came with it: signing out is always possible. */
export const DELETE = route('session', async () => json({ ok: true }, { headers: { 'set-cookie': clearedSessionCookie() } }));

export const { PUT, PATCH, OPTIONS } = undeclared('session', '/api/session');
