import 'server-only';
import * as client from 'openid-client';
import type { OidcProblem } from '@/lib/contract/oidc';
import type { Auth } from './auth';
import { readCookie } from './cookies';
import type { KeyRing } from './keys';
import { userFromClaims, type ClaimNames } from './oidc-claims';
import { flowCookie, flowCookieName, signFlow, verifyFlow } from './oidc-flow';
import type { User } from './users';

export type OidcSettings = {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** PULSE_PUBLIC_URL + /api/auth/oidc/callback, registered at the provider. */
  redirectUri: string;
  scope: string;
  /** Shown on the button: "Sign in with <name>". */
  name: string;
  claims: ClaimNames;
  /** Each request to the provider (discovery, token exchange, its keys) gives up after this long. */
  timeoutMs: number;
};

/**
 * A failed sign-in, named for the sign-in page and the API's error. Recognised by name, not class:
 * the runtime that throws it may be bundled apart from the route that catches it.
 */
export class OidcFailure extends Error {
  /** `cause`: the provider's or the library's error, for the log only. */
  constructor(readonly problem: OidcProblem, readonly next = '/', cause?: unknown) {
    super(problem, { cause });
    this.name = 'OidcFailure';
  }
}

export function isOidcFailure(err: unknown): err is OidcFailure {
  return err instanceof Error && err.name === 'OidcFailure' && typeof (err as { problem?: unknown }).problem === 'string';
}

/** Failures a guesser or a replayed link causes: they count against the client's address like wrong passwords. */
const COUNTED: ReadonlySet<OidcProblem> = new Set(['expired', 'state_mismatch', 'unverified']);

/**
 * OpenID Connect sign-in (authorization code + PKCE, openid-client) into the same sessions the
 * password sign-in makes. The provider's metadata is discovered on first use and kept; a failed
 * discovery is retried by the next sign-in, so the app starts while the provider is away.
 */
export class OidcSignIn {
  private discovered: Promise<client.Configuration> | undefined;

  constructor(
    readonly settings: OidcSettings,
    private readonly deps: { auth: Auth; keys: KeyRing },
  ) {}

  get name(): string {
    return this.settings.name;
  }

  /** The provider's authorization URL (with the PKCE challenge, state and nonce) and the flow cookie that remembers them. */
  async start(req: Request, next: string): Promise<{ location: string; setCookie: string }> {
    await this.deps.auth.limiter.assertAllowed(undefined, this.deps.auth.clientAddress(req));
    const config = await this.configuration();
    const flow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), next };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scope,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { location: url.href, setCookie: flowCookie(this.deps.auth.cookie, await signFlow(this.deps.keys, flow)) };
  }

  /**
   * Completes a sign-in from the provider's redirect: the state must be the one this browser's
   * flow cookie holds, the code is exchanged with its PKCE verifier, and the ID token is validated
   * (signature, issuer, audience, expiry, nonce) by openid-client before its claims are mapped.
   * Returns the session cookie and the flow cookie's removal, and where to go next.
   */
  async callback(req: Request): Promise<{ user: User; next: string; setCookies: string[]; providerMs: number }> {
    const { auth } = this.deps;
    const address = auth.clientAddress(req);
    await auth.limiter.assertAllowed(undefined, address);
    const flow = await verifyFlow(this.deps.keys, readCookie(req.headers.get('cookie'), flowCookieName(auth.cookie)));
    try {
      if (!flow) throw new OidcFailure('expired');
      const params = new URL(req.url).searchParams;
      if (params.get('state') !== flow.state) throw new OidcFailure('state_mismatch', flow.next);
      const exchangeStarted = performance.now();
      const claims = await this.exchange(params, flow).catch((err) => {
        throw new OidcFailure(problemOf(err), flow.next, err);
      });
      const providerMs = performance.now() - exchangeStarted;
      const mapped = userFromClaims(claims, this.settings.claims);
      if (!mapped.ok) throw new OidcFailure(mapped.problem, flow.next);
      const { user, setCookie } = await auth.startSession({ method: 'oidc', user: mapped.user, address, subject: mapped.subject, issuer: this.settings.issuer.href });
      return { user, next: flow.next, setCookies: [setCookie, this.clearFlowCookie()], providerMs };
    } catch (err) {
      if (isOidcFailure(err) && COUNTED.has(err.problem)) await auth.limiter.failed(undefined, address);
      throw err;
    }
  }

  /** The Set-Cookie that ends a flow (sent with every callback answer: a flow is used once). */
  clearFlowCookie(): string {
    return flowCookie(this.deps.auth.cookie, '', 0);
  }

  private async exchange(params: URLSearchParams, flow: { state: string; nonce: string; codeVerifier: string }): Promise<Record<string, unknown>> {
    const config = await this.configuration();
    // The redirect URI as registered, with the provider's parameters: never the Host a proxy passed on.
    const current = new URL(this.settings.redirectUri);
    current.search = params.toString();
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token');
    return claims;
  }

  private configuration(): Promise<client.Configuration> {
    this.discovered ??= this.discover().catch((err: unknown) => {
      this.discovered = undefined;
      throw new OidcFailure(problemOf(err) === 'unavailable' ? 'unavailable' : 'provider_error', '/', err);
    });
    return this.discovered;
  }

  private async discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, timeoutMs } = this.settings;
    // Plain http is accepted for loopback issuers only (the config refuses others): tests and local providers.
    const insecure = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
    const config = await client.discovery(issuer, clientId, undefined, client.ClientSecretPost(clientSecret), { timeout: timeoutMs, execute: insecure });
    config.timeout = timeoutMs;
    return config;
  }
}

/** What went wrong talking to the provider: away (network, timeout, 5xx) or an answer that did not verify. */
function problemOf(err: unknown): OidcProblem {
  if (isOidcFailure(err)) return err.problem;
  if (err instanceof client.AuthorizationResponseError) return err.error === 'access_denied' ? 'denied' : 'provider_error';
  if (err instanceof TypeError) return 'unavailable'; // fetch failed: refused, reset, DNS
  if (err instanceof client.ClientError) {
    if (err.code === 'OAUTH_TIMEOUT' || err.code === 'OAUTH_ABORT') return 'unavailable';
    if (err.cause instanceof Response && err.cause.status >= 500) return 'unavailable';
  }
  return 'unverified';
}
