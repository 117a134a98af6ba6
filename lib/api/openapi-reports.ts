/** Scheduled reports' part of the OpenAPI document (issue 19.4), written with its helpers. */
import type { ErrorCode } from '@/lib/errors/app-error';
import * as R from '@/lib/contract/reports';
import type { Component, PathParts } from './openapi-parts';

export const REPORT_COMPONENTS: Component[] = [
  ['ReportRequest', R.ReportRequestSchema, 'input'],
  ['ReportPatch', R.ReportPatchSchema, 'input'],
  ['Report', R.ReportSchema, 'output'],
  ['Reports', R.ReportsSchema, 'output'],
  ['ReportResponse', R.ReportResponseSchema, 'output'],
  ['ReportDetail', R.ReportDetailSchema, 'output'],
  ['ReportRun', R.RunSchema, 'output'],
  ['RunResponse', R.RunResponseSchema, 'output'],
];

const OWN =
  'Signed-in users of the session’s tenant (an embed token is 403), each with their own reports: an id of someone else’s report, or another tenant’s, is 404 at id.';
const SENDING =
  'A report is drawn in the server’s Chromium exactly as its owner sees the dashboard (a render token of the owner’s tenant, checked again at every run: an owner no longer a member fails it), ' +
  `as a PDF of the dashboard or a PNG of one panel, and sent by e-mail to recipients who are members of the tenant, or to the tenant’s webhook (signed like alerts; JSON with the file base64-encoded). ` +
  `A run that fails is retried with backoff, up to ${R.REPORT_ATTEMPTS} attempts, then failed; the owner sees each run’s state. A report missed while the server was down is sent once when it is back.`;

export function reportPaths({ ok, errors, body, security, badBody, engine }: PathParts & { engine: readonly ErrorCode[] }) {
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 }, description: 'A report’s id, as GET /api/reports lists it.' };
  const signedIn = ['unauthenticated', 'forbidden'] as const;
  return {
    '/api/reports': {
      get: { operationId: 'listReports', summary: 'Your scheduled reports in this tenant, oldest first, each with its next time and its last run', description: `${SENDING} ${OWN}`, security, responses: { ...ok('Reports', 'Reports'), ...errors(...signedIn) } },
      post: {
        operationId: 'scheduleReport',
        summary: `Schedules a view of a dashboard daily or weekly at a local time (at most ${R.MAX_REPORTS_PER_OWNER} per person, else 409); the view is checked as POST /api/query checks it (400 at its path); recipients must be members (400); the webhook channel needs the tenant’s webhook (409)`,
        description: `${SENDING} ${OWN}`,
        security,
        requestBody: body('ReportRequest', {
          name: 'Morning traffic',
          dashboard: 'api-traffic',
          format: 'pdf',
          view: { range: { last: 'P1D' }, tz: 'Europe/Berlin' },
          every: 'day',
          at: '08:00',
          tz: 'Europe/Berlin',
          channel: { kind: 'email', recipients: ['demo@acme.test'] },
        }),
        responses: { ...ok('Scheduled', 'ReportResponse'), ...errors(...badBody, ...signedIn, 'not_found', 'conflict', ...engine) },
      },
    },
    '/api/reports/{id}': {
      get: { operationId: 'getReport', summary: 'One of your reports with its latest 20 runs, newest first', description: OWN, security, parameters: [id], responses: { ...ok('Report', 'ReportDetail'), ...errors(...signedIn, 'not_found') } },
      patch: {
        operationId: 'changeReport',
        summary: 'Renames, pauses or resumes one of your reports (resumed, it is next sent at its next time; the times missed are not sent)',
        description: OWN,
        security,
        parameters: [id],
        requestBody: body('ReportPatch', { paused: true }),
        responses: { ...ok('Changed', 'ReportResponse'), ...errors(...badBody, ...signedIn, 'not_found') },
      },
      delete: { operationId: 'deleteReport', summary: 'Deletes one of your reports with its runs', description: OWN, security, parameters: [id], responses: { ...ok('Deleted', 'Deleted'), ...errors(...signedIn, 'not_found') } },
    },
    '/api/reports/{id}/run': {
      post: {
        operationId: 'runReport',
        summary: 'Sends one of your reports now (a paused one too); the run is pending until drawn and sent, and GET /api/reports/{id} shows how it went',
        description: OWN,
        security,
        parameters: [id],
        responses: { ...ok('Queued', 'RunResponse'), ...errors('forbidden', 'unauthenticated', 'not_found') },
      },
    },
  };
}
