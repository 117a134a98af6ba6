/** The tenant admin API's part of the OpenAPI document (lib/api/openapi.ts), written with its helpers. */
import { z } from 'zod';
import * as A from '@/lib/contract/admin';
import type { ErrorCode } from '@/lib/errors/app-error';

type Io = 'input' | 'output';

export const ADMIN_COMPONENTS: [id: string, schema: z.ZodType, io: Io][] = [
  ['RoleRequest', A.RoleRequestSchema, 'input'],
  ['InviteRequest', A.InviteRequestSchema, 'input'],
  ['ThresholdsRequest', A.ThresholdsRequestSchema, 'input'],
  ['AdminUsers', A.AdminUsersSchema, 'output'],
  ['MemberResponse', A.MemberResponseSchema, 'output'],
  ['MemberRemoved', A.MemberRemovedSchema, 'output'],
  ['Invited', A.InvitedSchema, 'output'],
  ['ThresholdsResponse', A.ThresholdsResponseSchema, 'output'],
  ['AuditPage', A.AuditPageSchema, 'output'],
  ['AcceptInvitationRequest', A.AcceptInvitationRequestSchema, 'input'],
  ['InvitationAccepted', A.InvitationAcceptedSchema, 'output'],
  ['InvitationLookupRequest', A.InvitationLookupRequestSchema, 'input'],
  ['InvitationDetails', A.InvitationDetailsSchema, 'output'],
  ['EmbedSettingsRequest', A.EmbedSettingsRequestSchema, 'input'],
  ['EmbedSettings', A.EmbedSettingsResponseSchema, 'output'],
  ['EmbedSecretIssued', A.EmbedSecretIssuedSchema, 'output'],
  ['EmbedSecretRemoved', z.object({ removed: z.boolean().describe('False when there was no secret.') }), 'output'],
  ['MyTenants', A.MyTenantsSchema, 'output'],
  ['SwitchTenantRequest', A.SwitchTenantRequestSchema, 'input'],
];

type Parts = {
  public: never[];
  ok: (description: string, schemaId: string, headers?: Record<string, object>) => object;
  errors: (...codes: ErrorCode[]) => object;
  body: (schemaId: string, example?: object) => object;
  security: object[];
  badBody: readonly ErrorCode[];
};

const ADMIN = 'Admins of the session’s tenant only: 401 without a session, 403 for viewers and editors.';

export function adminPaths({ ok, errors, body, security, public: open, badBody }: Parts) {
  const userId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'A member’s id; a user of another tenant is 404.' };
  return {
    '/api/admin/users': {
      get: { operationId: 'adminListUsers', summary: 'The tenant’s members and pending invitations', description: ADMIN, security, responses: { ...ok('Users', 'AdminUsers'), ...errors('unauthenticated', 'forbidden') } },
    },
    '/api/admin/users/{id}': {
      patch: {
        operationId: 'adminChangeRole',
        summary: 'Changes a member’s role; the last admin cannot be demoted (409 at role)',
        description: ADMIN,
        security,
        parameters: [userId],
        requestBody: body('RoleRequest', { role: 'editor' }),
        responses: { ...ok('Changed', 'MemberResponse'), ...errors(...badBody, 'unauthenticated', 'forbidden', 'not_found', 'conflict') },
      },
      delete: {
        operationId: 'adminRemoveUser',
        summary: 'Removes a member from the tenant and refuses their sessions in it at once; the last admin cannot be removed',
        description: ADMIN,
        security,
        parameters: [userId],
        responses: { ...ok('Removed', 'MemberRemoved'), ...errors('unauthenticated', 'forbidden', 'not_found', 'conflict') },
      },
    },
    '/api/admin/invitations': {
      post: {
        operationId: 'adminInvite',
        summary: 'Invites someone into the tenant with a role; the token is in this answer only',
        description: `${ADMIN} A member already is 409 at email; a pending invitation of the same email is replaced.`,
        security,
        requestBody: body('InviteRequest', { email: 'new.colleague@example.com', role: 'viewer' }),
        responses: { ...ok('Invited', 'Invited'), ...errors(...badBody, 'unauthenticated', 'forbidden', 'conflict') },
      },
    },
    '/api/invitations/lookup': {
      post: {
        operationId: 'lookUpInvitation',
        summary: 'What an invitation grants (tenant, role, email), for the page its link opens',
        description: 'No session needed. The token travels in the body (the link carries it in the fragment), never in a URL a log or Referer could keep. An unknown, used or expired token is 404.',
        security: open,
        requestBody: body('InvitationLookupRequest', { token: 'the-token-from-the-invitation' }),
        responses: { ...ok('The invitation', 'InvitationDetails'), ...errors(...badBody, 'forbidden', 'not_found') },
      },
    },
    '/api/invitations/accept': {
      post: {
        operationId: 'acceptInvitation',
        summary: 'Accepts an invitation with its token; a new account is signed in at once',
        description:
          'No session needed. An unknown, used or expired token is 404. A new email gets an account with this name and password and a session in the inviting tenant (the cookie is set). ' +
          'An existing account keeps its own password and is not signed in by the token (signedIn false): its owner signs in as usual and switches to the tenant.',
        security: open,
        requestBody: body('AcceptInvitationRequest', { token: 'the-token-from-the-invitation', name: 'Ada Lovelace', password: 'correct horse battery staple' }),
        responses: { ...ok('Accepted', 'InvitationAccepted', { 'set-cookie': { description: 'The session cookie, for a new account', schema: { type: 'string' } } }), ...errors(...badBody, 'forbidden', 'not_found', 'rate_limited') },
      },
    },
    '/api/session/tenants': {
      get: {
        operationId: 'listMyTenants',
        summary: 'The tenants the signed-in user belongs to, with their role in each',
        security,
        responses: { ...ok('Tenants', 'MyTenants'), ...errors('unauthenticated', 'forbidden') },
      },
      post: {
        operationId: 'switchTenant',
        summary: 'Moves the session to another tenant the user belongs to, with their role there',
        description: 'A new session cookie for that tenant is set and the current session is revoked (audited in the new tenant). A tenant without a membership is 404, whether or not it exists.',
        security,
        requestBody: body('SwitchTenantRequest', { tenant: 'globex' }),
        responses: {
          ...ok('Switched: the new session', 'SessionResponse', { 'set-cookie': { description: 'The new session cookie', schema: { type: 'string' } } }),
          ...errors(...badBody, 'unauthenticated', 'forbidden', 'not_found'),
        },
      },
    },
    '/api/admin/embed': {
      get: { operationId: 'adminGetEmbed', summary: 'The tenant’s embedding settings: allowed origins, JWKS URL, the secret’s fingerprint', description: ADMIN, security, responses: { ...ok('Settings', 'EmbedSettings'), ...errors('unauthenticated', 'forbidden') } },
      put: {
        operationId: 'adminSetEmbed',
        summary: 'Replaces the allowed origins (frame-ancestors of /embed pages) and the JWKS URL (https)',
        description: `${ADMIN} Seen by this instance at once and by every other within 5 seconds.`,
        security,
        requestBody: body('EmbedSettingsRequest', { allowedOrigins: ['https://app.example.com'], jwksUrl: null }),
        responses: { ...ok('Settings', 'EmbedSettings'), ...errors(...badBody, 'unauthenticated', 'forbidden') },
      },
    },
    '/api/admin/embed/secret': {
      post: {
        operationId: 'adminIssueEmbedSecret',
        summary: 'Issues a new HS256 embedding secret, in this answer only; the previous one stops verifying',
        description: `${ADMIN} Stored encrypted; afterwards only its fingerprint is shown.`,
        security,
        responses: { ...ok('Issued', 'EmbedSecretIssued'), ...errors('unauthenticated', 'forbidden') },
      },
      delete: { operationId: 'adminRemoveEmbedSecret', summary: 'Removes the HS256 embedding secret (JWKS-signed tokens only from then on)', description: ADMIN, security, responses: { ...ok('Removed', 'EmbedSecretRemoved'), ...errors('unauthenticated', 'forbidden') } },
    },
    '/api/admin/thresholds': {
      get: { operationId: 'adminGetThresholds', summary: 'The tenant’s alert threshold overrides and the defaults', description: ADMIN, security, responses: { ...ok('Thresholds', 'ThresholdsResponse'), ...errors('unauthenticated', 'forbidden') } },
      put: {
        operationId: 'adminSetThresholds',
        summary: 'Replaces the tenant’s alert threshold overrides',
        description: ADMIN,
        security,
        requestBody: body('ThresholdsRequest', { thresholds: { login_spike: { minFailures: 30 } } }),
        responses: { ...ok('Thresholds', 'ThresholdsResponse'), ...errors(...badBody, 'unauthenticated', 'forbidden') },
      },
    },
    '/api/admin/audit': {
      get: {
        operationId: 'adminAuditLog',
        summary: 'The tenant’s audit log (sign-ins and admin changes), newest first',
        description: ADMIN,
        security,
        parameters: [
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'before', in: 'query', required: false, schema: { type: 'integer', minimum: 1 }, description: 'The `next` of the previous page.' },
        ],
        responses: { ...ok('Entries', 'AuditPage'), ...errors('invalid_input', 'unauthenticated', 'forbidden') },
      },
    },
  };
}
