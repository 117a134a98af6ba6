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
];

type Parts = {
  public: never[];
  ok: (description: string, schemaId: string) => object;
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
    '/api/invitations/accept': {
      post: {
        operationId: 'acceptInvitation',
        summary: 'Accepts an invitation with its token; then sign in with POST /api/session',
        description: 'No session needed. An unknown, used or expired token is 404. A new email gets an account with this password; an existing account keeps its own.',
        security: open,
        requestBody: body('AcceptInvitationRequest', { token: 'the-token-from-the-invitation', password: 'correct horse battery staple' }),
        responses: { ...ok('Accepted', 'InvitationAccepted'), ...errors(...badBody, 'not_found', 'rate_limited') },
      },
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
