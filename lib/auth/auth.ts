import 'server-only';
import { AppError } from '@/lib/errors/app-error';
import { requestAddress, type TrustedProxies } from './client-address';
import { clearSessionCookie, readCookie, setSessionCookie, type CookiePolicy } from './cookies';
import { bearerToken, type EmbedTokens } from './embed-token';
import type { KeyRing } from './keys';
import type { LoginLimiter } from './login-limiter';
import { sessionPrincipal, type Principal } from './principal';
import { isRenderToken, signRenderToken, verifyRenderToken, type RenderGrant } from './render-token';
import { SESSION_TTL_S, SessionTokens, signSessionToken, type Session } from './session';
import type { SessionStore } from './session-store';
import { authenticate, type User, type UserDirectory } from './users';

export type AuthOptions = {
  keys: KeyRing;
  store: SessionStore;
  limiter: LoginLimiter;
  cookie: CookiePolicy;
  trustedProxies: TrustedProxies;
  /** Signed embedding (lib/auth/embed-token.ts); without it bearer tokens are refused. */
  embed?: EmbedTokens;
  directory: UserDirectory;
  /** Where sign-ins, failures and sign-outs are recorded (the sessions table and the audit log); none in unit tests. */
  ledger?: SessionLedger;
  ttlS?: number;
  /** Told of every sign-in before its cookie is handed out (the audit log); a throw fails the sign-in. */
  onSignIn?: OnSignIn;
};

export type SignInEvent = { method: 'password' | 'oidc'; user: User; address: string; subject?: string; issuer?: string };
/** May return the user as the directory knows them (the tenant's name from the database), which the session then carries. */
export type OnSignIn = (event: SignInEvent) => void | User | Promise<void | User>;

/**
 * The record of sessions beside the fast path. A sign-in is answered only once its session is
 * recorded (so an admin can revoke it); a failure to record a failed attempt never blocks anyone.
 */
export interface SessionLedger {
  signedIn(session: Session): Promise<void>;
  signedOut(session: Session): Promise<void>;
  failed(email: string, address: string): Promise<void>;
}

/** A session ended elsewhere (an admin removed its user): its id and when it would have expired. */
export type EndedSession = { id: string; expiresAt: number };

/** Sign-in, the per-request session check and sign-out: one object, wired by the runtime. */
export class Auth {
  readonly cookie: CookiePolicy;
  private readonly tokens: SessionTokens;
  private readonly ttlS: number;

  constructor(private readonly opts: AuthOptions) {
    this.cookie = opts.cookie;
    this.tokens = new SessionTokens(opts.keys);
    this.ttlS = opts.ttlS ?? SESSION_TTL_S;
  }

  /**
   * Checks the password unless this account or the client's address must wait after failed
   * attempts (429 with Retry-After); a failure makes both wait longer, a success clears the account.
   */
  async signIn(req: Request, email: string, password: string): Promise<{ user: User; setCookie: string }> {
    const address = this.clientAddress(req);
    await this.opts.limiter.assertAllowed(email, address);
    const user = await authenticate(this.opts.directory, email, password);
    if (!user) {
      await this.opts.limiter.failed(email, address);
      await this.opts.ledger?.failed(email, address).catch(() => {});
      throw new AppError('unauthenticated', 'Email or password is wrong.');
    }
    await this.opts.limiter.succeeded(email);
    return this.startSession({ method: 'password', user, address });
  }

  /** The Set-Cookie of a new session for a user whose identity was checked (by password or a provider). */
  async startSession(event: SignInEvent): Promise<{ user: User; setCookie: string }> {
    const user = (await this.opts.onSignIn?.(event)) ?? event.user;
    return { user, setCookie: await this.sessionCookie(user) };
  }

  /** The Set-Cookie of a new, recorded session of this user. */
  async sessionCookie(user: User): Promise<string> {
    return setSessionCookie(this.cookie, await this.issue(user), this.ttlS);
  }

  /** The client's address, as the sign-in limits count it. */
  clientAddress(req: Request): string {
    return requestAddress(req.headers, this.opts.trustedProxies);
  }

  /** Sign-in limits for flows where the provider checks passwords: the address's failures count. */
  get limiter(): LoginLimiter {
    return this.opts.limiter;
  }

  /** A new, recorded session's token (sign-in, and tests that need a session without a password). */
  async issue(user: User, ttlS = this.ttlS): Promise<string> {
    const expiresAt = Date.now() + ttlS * 1000;
    const session = { id: await this.opts.store.create(user, expiresAt), user, expiresAt };
    await this.opts.ledger?.signedIn(session);
    return signSessionToken(this.opts.keys, session);
  }

  /** The session of a Cookie header: signed by one of our keys, not expired, not revoked. */
  async sessionFromCookie(cookieHeader: string | null | undefined): Promise<Session> {
    const token = readCookie(cookieHeader, this.cookie.name);
    if (!token) throw new AppError('unauthenticated', 'Please sign in.');
    const session = await this.tokens.verify(token);
    if (!(await this.opts.store.check(session.id))) throw new AppError('unauthenticated', 'You have signed out. Please sign in again.');
    return session;
  }

  /** The tenant of a request comes from the verified session and from nowhere else. */
  async userFromCookie(cookieHeader: string | null | undefined): Promise<User> {
    return (await this.sessionFromCookie(cookieHeader)).user;
  }

  /** For what changes tenant state: a signed-in user; an embed token (Authorization) is 403, it can only read. */
  async requireUser(req: Request): Promise<User> {
    return (await this.requireSession(req)).user;
  }

  /** requireUser's session itself (its id and expiry too), for moving it to another tenant. */
  async requireSession(req: Request): Promise<Session> {
    if (req.headers.has('authorization')) throw new AppError('forbidden', 'An embed token can only read dashboards.');
    return this.sessionFromCookie(req.headers.get('cookie'));
  }

  /**
   * For reading: the embed token of `Authorization: Bearer` when there is one (the cookie is then
   * ignored, so a framed dashboard never reads as the browser's signed-in user), else the session.
   */
  async principal(headers: { authorization?: string | null; cookie?: string | null }): Promise<Principal> {
    const token = bearerToken(headers.authorization);
    if (token === undefined) return sessionPrincipal(await this.userFromCookie(headers.cookie));
    if (isRenderToken(token)) return { kind: 'embed', ...(await verifyRenderToken(this.opts.keys, token)) };
    if (!this.opts.embed) throw new AppError('unauthenticated', 'This server does not accept embed tokens.');
    return { kind: 'embed', ...(await this.opts.embed.verify(token)) };
  }

  /** A one-minute, read-only credential for a server-side render of one dashboard as `grant` sees it (lib/auth/render-token.ts). */
  renderToken(grant: RenderGrant): Promise<string> {
    return signRenderToken(this.opts.keys, grant);
  }

  /** Revokes the request's session on every instance (if it has a valid one) and returns the clearing cookie. */
  async signOut(req: Request): Promise<string> {
    const session = await this.sessionFromCookie(req.headers.get('cookie')).catch(() => null);
    if (session) {
      await this.opts.store.revoke(session.id, session.expiresAt);
      await this.opts.ledger?.signedOut(session);
    }
    return clearSessionCookie(this.cookie);
  }

  /** Refuses sessions ended in the record (an admin removed their user) from now on, on every instance. */
  async revokeEnded(sessions: EndedSession[]): Promise<void> {
    for (const s of sessions) await this.opts.store.revoke(s.id, s.expiresAt);
  }

  close(): void {
    this.opts.store.close();
  }
}
