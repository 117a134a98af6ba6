/** The tenant admin API's request and response schemas (/api/admin/…), shared by the server and the /admin page. */
import { z } from 'zod';
import alertRules from '@/config/alert-rules.json';

import { ROLES, type Role } from './schemas';

export { ROLES, type Role };
export const RoleSchema = z.enum(ROLES).describe('viewer: reads dashboards; editor: also changes shared state (issue 18); admin: also manages users and settings.');

/** An address as mail systems take it: RFC 5321 allows 64 octets before the @ and 254 in all. */
const Email = z.email().max(254).refine((e) => e.indexOf('@') <= 64, 'the part before @ has at most 64 characters');

export const MemberSchema = z.object({
  id: z.int().describe('The user id (path parameter of /api/admin/users/{id}).'),
  email: z.string(),
  name: z.string().nullable().describe('The name given when accepting an invitation, if any.'),
  role: RoleSchema,
  since: z.iso.datetime(),
});
export const InvitationSchema = z.object({ email: z.string(), role: RoleSchema, invitedBy: z.string(), expiresAt: z.iso.datetime(), createdAt: z.iso.datetime() });
export const AdminUsersSchema = z.object({ members: z.array(MemberSchema), invitations: z.array(InvitationSchema).describe('Pending: not accepted, not expired.') });

export const RoleRequestSchema = z.strictObject({ role: RoleSchema });
export const MemberResponseSchema = z.object({ member: MemberSchema });
export const MemberRemovedSchema = z.object({ removed: z.literal(true), sessionsRevoked: z.int().describe('Sessions of the user in this tenant, refused from now on.') });

export const InviteRequestSchema = z.strictObject({ email: Email, role: RoleSchema });
export const InvitedSchema = z.object({
  invitation: InvitationSchema,
  token: z.string().describe('The invitation token, in this answer only: send it to the invitee (it expires after 7 days).'),
});

/** Who an invitation is for: the token in the answer of POST /api/admin/invitations, put in the link's fragment (/invite#<token>). */
const InvitationToken = z.string().min(16).max(128);
/** The password rule of every account (invitation, CLI): 8 to 1024 characters. */
export const PasswordSchema = z.string().min(8, 'A password has at least 8 characters.').max(1024);

export const InvitationLookupRequestSchema = z.strictObject({ token: InvitationToken });
export const InvitationDetailsSchema = z.object({
  tenant: z.string(),
  tenantName: z.string(),
  email: z.string(),
  role: RoleSchema,
  expiresAt: z.iso.datetime(),
  hasAccount: z.boolean().describe('The email has a Pulseboard account already: accepting adds the membership, and the invitee then signs in with that account.'),
});

export const AcceptInvitationRequestSchema = z.strictObject({
  token: InvitationToken,
  name: z.string().trim().min(1).max(200).optional().describe('The new account’s display name.'),
  password: PasswordSchema.optional().describe('The new account’s password (required then, else 400 at password); ignored when the email has an account already (the invitation then only adds the membership).'),
});
export const InvitationAcceptedSchema = z.object({
  tenant: z.string(),
  email: z.string(),
  role: RoleSchema,
  signedIn: z.boolean().describe('True for a new account: the session cookie is set. False when the email had an account: sign in with it.'),
});

/** The tenants the signed-in user belongs to (the user menu's switcher). */
export const MyTenantsSchema = z.object({
  tenants: z.array(z.object({ tenant: z.string(), tenantName: z.string(), role: RoleSchema, current: z.boolean() })).describe('Oldest membership first.'),
});
export const SwitchTenantRequestSchema = z.strictObject({ tenant: z.string().min(1).max(64) });

/** An exact origin (scheme, host, port): it goes verbatim into CSP frame-ancestors, and the iframe's postMessage check compares it as is. */
export const OriginSchema = z.string().max(200).regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/, 'must be an origin such as https://app.example.com (lowercase, no path, no wildcard)');

export const EmbedSettingsRequestSchema = z.strictObject({
  allowedOrigins: z.array(OriginSchema).max(20).describe('The origins whose pages may frame /embed/<tenant>/… and hand it tokens.'),
  jwksUrl: z
    .url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'must be an https URL with a host name' })
    .max(2000)
    .nullable()
    .describe('The vendor’s JWKS for RS256/ES256 tokens; null: none (HS256 only).'),
});
export const EmbedSettingsResponseSchema = z.object({
  allowedOrigins: z.array(z.string()),
  jwksUrl: z.string().nullable(),
  secret: z
    .object({ fingerprint: z.string().nullable().describe('The first 64 bits of the secret’s SHA-256: tells two secrets apart, cannot sign. Null: stored, but this deployment’s key cannot decrypt it (PULSE_SECRET changed): issue a new one.') })
    .nullable()
    .describe('The HS256 secret, as a fingerprint only (the secret is shown once, when issued); null: none.'),
  embeds: z.boolean().describe("Whether embed tokens are accepted (a secret or a JWKS URL); /embed pages also need an allowed origin."),
});
export const EmbedSecretIssuedSchema = z.object({
  secret: z.string().describe('The new HS256 secret, in this answer only; tokens signed with the previous one stop verifying within a minute.'),
  fingerprint: z.string(),
});

/**
 * The parameters the alert job applies per tenant (`${rule:…}` in flink/sql/alerts.sql). Window
 * sizes and pattern lengths (`${uniform:…}`) shape the job's windows, one value for every tenant:
 * a tenant cannot override them, so the API refuses them rather than store what would not apply.
 */
export const PER_TENANT_PARAMETERS: Record<string, readonly string[]> = {
  login_spike: ['minFailures', 'baselineFactor'],
  consumer_lag_rising: ['minLag'],
  under_replicated: ['minutes'],
};

/** The alert rules and the defaults (config/alert-rules.json, the Flink job's) of what a tenant may set. */
export const ALERT_RULE_DEFAULTS: Record<string, Record<string, number>> = Object.fromEntries(
  Object.entries(alertRules.defaults as Record<string, Record<string, number>>).map(([rule, params]) => [
    rule,
    Object.fromEntries(Object.entries(params).filter(([p]) => PER_TENANT_PARAMETERS[rule]?.includes(p))),
  ]),
);

/**
 * The defaults the alert job applies to one tenant: config/alert-rules.json's defaults with that
 * file's entries for the tenant (the job's per-tenant CASE), before any override from the database.
 */
export function ruleDefaultsFor(tenant: string): Record<string, Record<string, number>> {
  const own = (alertRules.tenants as Record<string, Record<string, Record<string, number>> | undefined>)[tenant] ?? {};
  return Object.fromEntries(
    Object.entries(ALERT_RULE_DEFAULTS).map(([rule, params]) => [
      rule,
      { ...params, ...Object.fromEntries(Object.entries(own[rule] ?? {}).filter(([p]) => PER_TENANT_PARAMETERS[rule]?.includes(p))) },
    ]),
  );
}

const ruleOverrides = Object.fromEntries(
  Object.entries(ALERT_RULE_DEFAULTS).map(([rule, params]) => [
    rule,
    z.strictObject(Object.fromEntries(Object.keys(params).map((p) => [p, z.number().positive().max(1_000_000_000).optional()]))).optional(),
  ]),
);
export const ThresholdsSchema = z.strictObject(ruleOverrides).describe('Per rule, the parameters this tenant overrides; a rule or parameter left out uses the default.');
export const ThresholdsRequestSchema = z.strictObject({ thresholds: ThresholdsSchema });
export const ThresholdsResponseSchema = z.object({
  thresholds: ThresholdsSchema,
  defaults: z.record(z.string(), z.record(z.string(), z.number())).describe('The rules and their default parameters.'),
});

export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().describe('The `next` of the previous page.'),
});
export const AuditEntrySchema = z.object({
  id: z.int(),
  at: z.iso.datetime(),
  actor: z.string().describe('The email of who did it, or "cli" for the operator.'),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema).describe('Newest first.'), next: z.int().nullable().describe('Pass as `before` for the next page; null at the end.') });

export type Member = z.infer<typeof MemberSchema>;
export type InvitationDetails = z.infer<typeof InvitationDetailsSchema>;
export type MyTenants = z.infer<typeof MyTenantsSchema>;
export type Invitation = z.infer<typeof InvitationSchema>;
export type Thresholds = z.infer<typeof ThresholdsSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type EmbedSettingsResponse = z.infer<typeof EmbedSettingsResponseSchema>;
