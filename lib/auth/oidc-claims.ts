import { ROLES, type Role } from '@/lib/contract/schemas';
import type { User } from './users';

/** Which ID token claims carry the tenant and the role (PULSE_OIDC_TENANT_CLAIM, PULSE_OIDC_ROLE_CLAIM). */
export type ClaimNames = { tenant: string; role: string };

/** Tenant ids as the data carries them: a letter or digit, then letters, digits, `.`, `_`, `-`. */
const TENANT_ID = /^[A-Za-z0-9][\w.-]{0,63}$/;

export type ClaimsOutcome =
  | { ok: true; user: User; subject: string }
  | { ok: false; problem: 'unverified' | 'no_tenant' | 'no_role' | 'unknown_role' };

/**
 * The session's user from an ID token's verified claims: the tenant and role from the configured
 * claims, the email when the provider gives one it has not marked unverified (else the subject).
 * Pure, so the rule "and the membership exists in the store" can be added around it; the tenant's
 * display name is its id until the sign-in hook (the store) names it.
 *
 * A role claim may be one string or a list (as many providers send groups); from a list the
 * highest Pulseboard role wins and other entries are ignored.
 */
export function userFromClaims(claims: Record<string, unknown>, names: ClaimNames): ClaimsOutcome {
  const { sub, email, email_verified: emailVerified } = claims;
  if (typeof sub !== 'string' || sub === '') return { ok: false, problem: 'unverified' };
  const tenant = claims[names.tenant];
  if (typeof tenant !== 'string' || !TENANT_ID.test(tenant)) return { ok: false, problem: 'no_tenant' };
  const role = roleOf(claims[names.role]);
  if (role === 'missing') return { ok: false, problem: 'no_role' };
  if (role === 'unknown') return { ok: false, problem: 'unknown_role' };
  const shownEmail = typeof email === 'string' && email !== '' && emailVerified !== false ? email.toLowerCase() : sub;
  return { ok: true, user: { email: shownEmail, tenant, tenantName: tenant, role }, subject: sub };
}

function roleOf(value: unknown): Role | 'missing' | 'unknown' {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return 'missing';
  const values: unknown[] = Array.isArray(value) ? value : [value];
  const known = ROLES.filter((r) => values.includes(r));
  return known.at(-1) ?? 'unknown';
}
