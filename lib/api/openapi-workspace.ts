/** The tenant workspace's part of the OpenAPI document (saved views, tenants' own dashboards), written with its helpers. */
import * as A from '@/lib/contract/annotations';
import * as W from '@/lib/contract/workspace';
import { LIMITS } from '@/lib/view/schema';
import type { Component, PathParts } from './openapi-parts';

export const WORKSPACE_COMPONENTS: Component[] = [
  ['SavedViewRequest', W.SavedViewRequestSchema, 'input'],
  ['SavedViewPatch', W.SavedViewPatchSchema, 'input'],
  ['DashboardDocument', W.DashboardDocumentSchema, 'input'],
  ['SavedView', W.SavedViewSchema, 'output'],
  ['SavedViews', W.SavedViewsSchema, 'output'],
  ['Deleted', W.DeletedSchema, 'output'],
  ['DashboardSaved', W.DashboardSavedSchema, 'output'],
  ['AnnotationRequest', A.AnnotationRequestSchema, 'input'],
  ['Annotations', A.AnnotationsSchema, 'output'],
  ['NoteCreated', A.NoteCreatedSchema, 'output'],
];

const SIGNED_IN = 'Signed-in users of the session’s tenant (an embed token is 403). A view of another tenant, or someone’s private view, is 404.';
const MEMBERS = 'Signed-in users of the session’s tenant (an embed token is 403).';
const ANNOTATORS = 'Editors and admins of the session’s tenant: 401 without a session, 403 for viewers and embed tokens.';
const EDITORS = 'Editors and admins of the session’s tenant: 401 without a session, 403 for viewers and embed tokens. Another tenant’s dashboard is 404, whatever the id.';

export function workspacePaths({ ok, errors, body, security, badBody }: PathParts) {
  const viewId = { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 }, description: 'A saved view’s id.' };
  const dashboardId = { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 }, description: 'The id POST /api/dashboards gave it.' };
  return {
    '/api/views': {
      get: {
        operationId: 'listSavedViews',
        summary: 'Your saved views of a dashboard and those shared in your tenant, by name',
        description: `${SIGNED_IN} An unknown dashboard is 404.`,
        security,
        parameters: [{ name: 'dashboard', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 } }],
        responses: { ...ok('Views', 'SavedViews'), ...errors('invalid_input', 'unauthenticated', 'forbidden', 'not_found') },
      },
      post: {
        operationId: 'saveView',
        summary: 'Saves a view of a dashboard under a name, private or shared with the tenant',
        description: `${SIGNED_IN} The view is checked against the dashboard as POST /api/query checks it (400 at its path). Sharing takes an editor or admin (403).`,
        security,
        requestBody: body('SavedViewRequest', { dashboard: 'cluster-overview', name: 'EU clusters, last week', view: { range: { last: 'P7D' }, filters: [{ dim: 'cluster', op: 'in', values: ['eu-1'] }] }, shared: true }),
        responses: { ...ok('Saved', 'SavedView'), ...errors(...badBody, 'unauthenticated', 'forbidden', 'not_found') },
      },
    },
    '/api/views/{id}': {
      patch: {
        operationId: 'changeSavedView',
        summary: 'Renames, updates or (un)shares your view; sets or clears it as your default for its dashboard',
        description: `${SIGNED_IN} name, view and shared are the owner’s to change (403 for others); default is yours for any view you see. A view saved before a change to what a view can hold is not listed and changes only with a new view (409 otherwise).`,
        security,
        parameters: [viewId],
        requestBody: body('SavedViewPatch', { name: 'EU clusters', default: true }),
        responses: { ...ok('Changed', 'SavedView'), ...errors(...badBody, 'unauthenticated', 'forbidden', 'not_found', 'conflict') },
      },
      delete: {
        operationId: 'deleteSavedView',
        summary: 'Deletes your saved view',
        description: `${SIGNED_IN} Only its owner may (403).`,
        security,
        parameters: [viewId],
        responses: { ...ok('Deleted', 'Deleted'), ...errors('unauthenticated', 'forbidden', 'not_found') },
      },
    },
    '/api/annotations': {
      get: {
        operationId: 'listAnnotations',
        summary: 'The tenant’s notes on a dashboard’s datasource touching an interval, and its alerts there (read-only), by start time',
        description:
          `${MEMBERS} An unknown dashboard (another tenant’s included) is 404; to not after from, or an interval over ${LIMITS.maxSpanDays} days, is 400 at to. ` +
          'Alerts come from the engine and are admitted like queries (429 beyond the tenant’s share).',
        security,
        parameters: [
          { name: 'dashboard', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 } },
          { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date-time' } },
          { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date-time' } },
          { name: 'tz', in: 'query', required: false, schema: { $ref: '#/components/schemas/TimeZone' }, description: 'Zone of the links’ dashboard views (default UTC).' },
        ],
        responses: { ...ok('Annotations', 'Annotations'), ...errors('invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'rate_limited', 'engine_unavailable', 'engine_timeout') },
      },
      post: {
        operationId: 'addAnnotation',
        summary: 'Adds a note at a moment or over a range of a datasource, optionally for one dimension value',
        description:
          `${ANNOTATORS} The datasource and dimension must be declared ones (400 at their path). ` +
          `At most ${A.MAX_ANNOTATIONS_PER_TENANT.toLocaleString('en-US')} per tenant (409).`,
        security,
        requestBody: body('AnnotationRequest', { datasource: 'cluster_metrics', start: '2026-11-25T13:05:00Z', text: 'Deployed broker 3.9', dimension: 'cluster', value: 'eu-1' }),
        responses: { '201': ok('Added', 'NoteCreated')['200'], ...errors(...badBody, 'unauthenticated', 'forbidden', 'conflict') },
      },
    },
    '/api/annotations/{id}': {
      delete: {
        operationId: 'deleteAnnotation',
        summary: 'Deletes a note',
        description: `${MEMBERS} Its author or an admin of the tenant may (403 for others); another tenant’s note, or an unknown id, is 404.`,
        security,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 }, description: 'The id POST /api/annotations gave it.' }],
        responses: { ...ok('Deleted', 'Deleted'), ...errors('unauthenticated', 'forbidden', 'not_found') },
      },
    },
    '/api/dashboards': {
      post: {
        operationId: 'createDashboard',
        summary: 'Builds a dashboard of the tenant’s own from a dashboard document',
        description:
          `${EDITORS} The document is checked by the schema of configured dashboards (config/schema/dashboard.json) and against its datasource: ` +
          'its dimensions and measures must be ones the datasource declares (400 at the path of the first problem). At most 100 per tenant (409).',
        security,
        requestBody: body('DashboardDocument'),
        responses: { ...ok('Created', 'DashboardSaved'), ...errors(...badBody, 'unauthenticated', 'forbidden', 'conflict') },
      },
    },
    '/api/dashboards/{id}': {
      put: {
        operationId: 'replaceDashboard',
        summary: 'Replaces a dashboard the tenant built; its answers are recomputed for the new definition',
        description:
          `${EDITORS} A configured dashboard is 403 (duplicate it instead). An id in the body must be the path’s. ` +
          'With If-Match (the ETag GET /api/dashboards/{id} sent, or the revision a save answered, in quotes) the change applies only over that revision; ' +
          'when someone changed the dashboard since, it is 412 and nothing changes. Without it (or with *), the last save wins.',
        security,
        parameters: [dashboardId, { name: 'if-match', in: 'header', required: false, description: 'The revision this change is based on, such as "3".', schema: { type: 'string' } }],
        requestBody: body('DashboardDocument'),
        responses: { ...ok('Replaced', 'DashboardSaved'), ...errors(...badBody, 'unauthenticated', 'forbidden', 'not_found', 'precondition_failed') },
      },
      delete: {
        operationId: 'deleteDashboard',
        summary: 'Deletes a dashboard the tenant built, with its saved views',
        description: `${EDITORS} A configured dashboard is 403.`,
        security,
        parameters: [dashboardId],
        responses: { ...ok('Deleted', 'Deleted'), ...errors('unauthenticated', 'forbidden', 'not_found') },
      },
    },
  };
}
