/** The tenant admin API's request and response schemas (/api/admin/…), shared by the server and the /admin page. */
import { z } from 'zod';
import alertRules from '@/config/alert-rules.json';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES).describe('viewer: reads dashboards; editor: also changes shared state (issue 18); admin: also manages users and settings.');
export type Role = z.infer<typeof RoleSchema>;

/** An address as mail systems take it: RFC 5321 allows 64 octets before the @ and 254 in all. */
const Email = z.email().max(254).refine((e) => e.indexOf('@') <= 64, 'the part before @ has at most 64 characters');

export const MemberSchema = z.object({ id: z.int().describe('The user id (path parameter of /api/admin/users/{id}).'), email: z.string(), role: RoleSchema, since: z.iso.datetime() });
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

export const AcceptInvitationRequestSchema = z.strictObject({
  token: z.string().min(16).max(128),
  password: z.string().min(8).max(1024).describe('The new account’s password; ignored when the email has an account already (the invitation then only adds the membership).'),
});
export const InvitationAcceptedSchema = z.object({ tenant: z.string(), email: z.string(), role: RoleSchema });

/** The alert rules and their parameters, from config/alert-rules.json (the Flink job's defaults). */
export const ALERT_RULE_DEFAULTS = alertRules.defaults as Record<string, Record<string, number>>;

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
export type Invitation = z.infer<typeof InvitationSchema>;
export type Thresholds = z.infer<typeof ThresholdsSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
