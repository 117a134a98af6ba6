/** The alert inbox's part of the OpenAPI document (issue 18), written with its helpers. */
import * as A from '@/lib/contract/alerts';
import type { ErrorCode } from '@/lib/errors/app-error';
import type { Component, PathParts } from './openapi-parts';

export const ALERT_COMPONENTS: Component[] = [
  ['AlertNote', A.AlertNoteSchema, 'input'],
  ['Alert', A.AlertSchema, 'output'],
  ['AlertsResponse', A.AlertsResponseSchema, 'output'],
];

type Parts = PathParts & { ref: (id: string) => object; engine: readonly ErrorCode[] };

const INCIDENTS =
  'An alert is an incident: consecutive firing windows of one rule with the same message (each next window starting no later than the one before ends) are one alert, ' +
  'from the first window’s start to the last window’s end; its id is derived from the rule, the start and the message of its first window (the same on every read and engine). ' +
  'It is open until someone acknowledges or resolves it, and resolved automatically once the rule’s input data is complete one full window past its last firing window without it firing again. ' +
  'Alerts are those of the last day (an incident whose first window is older is named by its first window within the day).';

const CHANGE =
  'Editors and admins of the session’s tenant: 401 without a session, 403 for viewers and embed tokens. An id that names none of the tenant’s alerts of the last day, ' +
  'another tenant’s included, is 404 at id. A resolved alert (by someone or automatically) is 409. Audited.';

export function alertPaths({ ok, errors, body, ref, security, badBody, engine }: Parts) {
  const alertId = { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 }, description: 'An alert’s id, as GET /api/alerts lists it.' };
  const change = (operationId: string, summary: string, done: string, note: string) => ({
    post: {
      operationId,
      summary: `${summary}; answers the alert (its link in UTC)`,
      description: CHANGE,
      security,
      parameters: [alertId],
      requestBody: body('AlertNote', { note }),
      responses: { ...ok(done, 'Alert'), ...errors(...badBody, 'unauthenticated', 'forbidden', 'not_found', 'conflict', ...engine) },
    },
  });
  return {
    '/api/alerts': {
      get: {
        operationId: 'listAlerts',
        summary: "The tenant's alerts of the last day with their states, newest first, and how many are open (cached for 5 seconds; beyond the tenant's share of engine capacity, 429)",
        description: INCIDENTS,
        security,
        parameters: [
          { name: 'tz', in: 'query', required: false, schema: ref('TimeZone'), description: 'Zone of the links’ dashboard views (default UTC).' },
          { name: 'state', in: 'query', required: false, schema: { type: 'string', enum: [...A.ALERT_STATES] }, description: 'Only the alerts in this state; every alert when left out.' },
        ],
        responses: { ...ok('Alerts', 'AlertsResponse'), ...errors('invalid_input', 'unauthenticated', 'forbidden', ...engine) },
      },
    },
    '/api/alerts/{id}/ack': change('acknowledgeAlert', 'Acknowledges an open alert with an optional note (acknowledging again replaces the note)', 'Acknowledged', 'Looking into it: broker-2 is being replaced.'),
    '/api/alerts/{id}/resolve': change('resolveAlert', 'Resolves an open or acknowledged alert with an optional note', 'Resolved', 'Broker replaced.'),
  };
}
