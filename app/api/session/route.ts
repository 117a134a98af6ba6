import { route, json, parseBody } from '@/lib/api/handler';
import { AppError } from '@/lib/errors/app-error';
import { SessionRequestSchema } from '@/lib/contract/schemas';
import { clearedSessionCookie, requireUser, sessionCookie, signSession } from '@/lib/auth/session';
import { authenticate } from '@/lib/auth/users';

export const dynamic = 'force-dynamic';

export const POST = route('session', async (req) => {
  const { email, password } = await parseBody(req, SessionRequestSchema);
  const user = await authenticate(email, password);
  if (!user) throw new AppError('unauthenticated', 'Email or password is wrong.');
  const token = await signSession(user);
  return json({ user }, { headers: { 'set-cookie': sessionCookie(token, req) } });
});

export const GET = route('session', async (req) => json({ user: await requireUser(req) }));

export const DELETE = route('session', async () => json({ ok: true }, { headers: { 'set-cookie': clearedSessionCookie() } }));
