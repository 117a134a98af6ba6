import 'server-only';
import {
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type FetchImplementation,
  type JWTHeaderParameters,
  type JWTPayload,
  type FlattenedJWSInput,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { FilterSchema, LIMITS, type Filter } from '@/lib/view/schema';

/**
 * What embedding needs to know of a tenant. The runtime supplies it from the app-state database
 * (lib/runtime/embed.ts), so this module stays a part.
 */
export type EmbedSettings = {
  /** HS256 secrets, the current one first; during a rotation the previous one still verifies. */
  hsSecrets: string[];
  /** The vendor's JWKS for RS256 and ES256 tokens. */
  jwksUrl?: string;
  /** Origins allowed to frame /embed pages (CSP frame-ancestors) and to hand the iframe tokens. */
  allowedOrigins: string[];
};

/** The tenant directory's port for embedding: undefined when the tenant does not embed. */
export type EmbedDirectory = { embedSettings(tenant: string): Promise<EmbedSettings | undefined> };

/** Whoever a verified embed token speaks for: read-only, its dashboards only, its filters always applied. */
export type EmbedPrincipal = {
  tenant: string;
  /** The vendor's own id of the viewer (the token's `sub`), for the log. */
  subject: string;
  dashboards: ReadonlySet<string>;
  locked: readonly Filter[];
  expiresAt: number;
};

export const EMBED_AUDIENCE = 'pulseboard';
/** A token may live at most this long from the moment it is presented. */
export const MAX_EMBED_TOKEN_S = 3600;
/** Clock skew accepted between the vendor's backend and us. */
const CLOCK_TOLERANCE_S = 5;
/** A verified token is reused this long at most, so a changed secret or removed tenant bites within a minute. */
const VERIFIED_REUSE_MS = 60_000;

const HS_ALGORITHMS = ['HS256'];
const JWKS_ALGORITHMS = ['RS256', 'ES256'];

const ClaimsSchema = z.object({
  tenant: z.string().min(1).max(64),
  sub: z.string().min(1).max(256),
  dashboards: z.array(z.string().min(1).max(64)).min(1).max(100),
  filters: z.array(FilterSchema).max(LIMITS.filters).default([]),
  exp: z.number(),
});

const refused = (message = 'The embed token is not valid.') => new AppError('unauthenticated', message);

/** The JWKS could not be fetched: not the token's fault, so 503 rather than 401. */
class KeysUnavailable extends Error {}

export type EmbedTokenOptions = {
  /** How JWKS documents are fetched: the runtime passes the guarded outbound client (lib/outbound). */
  fetchJwks?: FetchImplementation;
  now?: () => number;
};

/**
 * Verifies the tokens a vendor's backend signs for embedding. The unverified `tenant` claim only
 * picks the keys to check against; everything is believed after the signature verifies with
 * them: HS256 with one of the tenant's secrets, or RS256/ES256 with a key of its JWKS (the
 * algorithm lists are fixed, so "none" and algorithm confusion fail). The audience must be
 * "pulseboard", the token unexpired and expiring at most an hour ahead.
 */
export class EmbedTokens {
  private readonly verified = new LRUCache<string, EmbedPrincipal>({ max: 10_000, ttl: VERIFIED_REUSE_MS });
  private readonly jwksByUrl = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  private readonly now: () => number;

  constructor(
    private readonly directory: EmbedDirectory,
    private readonly opts: EmbedTokenOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  async verify(token: string): Promise<EmbedPrincipal> {
    const known = this.verified.get(token);
    if (known) {
      if (this.now() < known.expiresAt) return known;
      throw refused('The embed token has expired.');
    }
    const principal = await this.verifyAfresh(token);
    this.verified.set(token, principal);
    return principal;
  }

  private async verifyAfresh(token: string): Promise<EmbedPrincipal> {
    let alg: string | undefined;
    let tenant: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
      tenant = decodeJwt(token).tenant;
    } catch {
      throw refused();
    }
    if (typeof tenant !== 'string') throw refused('The embed token names no tenant.');
    const settings = await this.directory.embedSettings(tenant);
    if (!settings) throw refused('This tenant does not accept embed tokens.');
    const payload = await this.verifySignature(token, alg, settings);
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) throw refused(`The embed token's claims are not valid (${claims.error.issues[0]!.path.join('.')}).`);
    const { sub, dashboards, filters, exp } = claims.data;
    if (exp - this.now() / 1000 > MAX_EMBED_TOKEN_S + CLOCK_TOLERANCE_S) throw refused(`An embed token may expire at most ${MAX_EMBED_TOKEN_S} seconds ahead.`);
    return { tenant, subject: sub, dashboards: new Set(dashboards), locked: filters, expiresAt: exp * 1000 };
  }

  private async verifySignature(token: string, alg: string | undefined, settings: EmbedSettings): Promise<JWTPayload> {
    const options = { audience: EMBED_AUDIENCE, requiredClaims: ['exp', 'sub'], clockTolerance: CLOCK_TOLERANCE_S, currentDate: new Date(this.now()) };
    try {
      if (alg !== undefined && HS_ALGORITHMS.includes(alg)) {
        for (const secret of settings.hsSecrets) {
          const verified = await jwtVerify(token, new TextEncoder().encode(secret), { ...options, algorithms: HS_ALGORITHMS }).catch((err: unknown) => {
            if (errorCode(err) === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return null; // perhaps the previous secret
            throw err;
          });
          if (verified) return verified.payload;
        }
        throw refused();
      }
      if (alg !== undefined && JWKS_ALGORITHMS.includes(alg) && settings.jwksUrl) {
        const jwks = this.jwks(settings.jwksUrl);
        const key = async (header: JWTHeaderParameters, input: FlattenedJWSInput) => {
          try {
            return await jwks(header, input);
          } catch (err) {
            if (errorCode(err) === 'ERR_JWKS_NO_MATCHING_KEY') throw err;
            throw new KeysUnavailable();
          }
        };
        return (await jwtVerify(token, key, { ...options, algorithms: JWKS_ALGORITHMS })).payload;
      }
    } catch (err) {
      if (err instanceof KeysUnavailable) throw new AppError('engine_unavailable', 'The keys to check this embed token could not be fetched. Please retry shortly.');
      if (err instanceof AppError) throw err;
      if (errorCode(err) === 'ERR_JWT_EXPIRED') throw refused('The embed token has expired.');
      if (errorCode(err) === 'ERR_JWT_CLAIM_VALIDATION_FAILED') throw refused(`The embed token's ${(err as { claim?: string }).claim ?? 'claims'} is not accepted.`);
      throw refused();
    }
    throw refused(`Embed tokens are signed with HS256, or with RS256 or ES256 when the tenant has a JWKS URL.`);
  }

  /** One resolver per JWKS URL: jose caches the keys and refetches on an unknown key id (with a cooldown). */
  private jwks(url: string) {
    let jwks = this.jwksByUrl.get(url);
    if (!jwks) {
      jwks = createRemoteJWKSet(new URL(url), {
        timeoutDuration: 5_000,
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
        ...(this.opts.fetchJwks ? { [customFetch]: this.opts.fetchJwks } : {}),
      });
      this.jwksByUrl.set(url, jwks);
    }
    return jwks;
  }
}

function errorCode(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined without one. */
export function bearerToken(header: string | null | undefined): string | undefined {
  const match = header ? /^Bearer[ ]+([A-Za-z0-9_.~+/=-]+)[ ]*$/i.exec(header) : null;
  if (header && !match) throw refused('Send the embed token as "Authorization: Bearer <token>".');
  return match?.[1];
}
