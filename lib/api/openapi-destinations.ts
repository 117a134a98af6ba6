/** Alert destinations' part of the OpenAPI document (issue 19.5), written with its helpers. */
import * as D from '@/lib/contract/destinations';
import type { Component, PathParts } from './openapi-parts';

export const DESTINATION_COMPONENTS: Component[] = [
  ['DestinationCreate', D.DestinationCreateSchema, 'input'],
  ['DestinationUpdate', D.DestinationUpdateSchema, 'input'],
  ['Destination', D.DestinationSchema, 'output'],
  ['Destinations', D.DestinationsSchema, 'output'],
  ['DestinationResponse', D.DestinationResponseSchema, 'output'],
  ['DestinationRemoved', D.DestinationRemovedSchema, 'output'],
  ['DestinationTest', D.DestinationTestSchema, 'output'],
];

const ADMINS =
  'Admins of the session’s tenant only: 401 without a session, 403 for others and embed tokens. An id that names none of the tenant’s destinations, another tenant’s included, is 404 at id. Changes are audited (never with a secret).';

const DELIVERY =
  'Alerts reach a destination when its severities include the alert’s: one message per incident (and per severity it reaches), and one when the incident is resolved, by a person or automatically. ' +
  'Every message goes through the alert outbox (retried with backoff, listed by GET /api/webhook/deliveries?destination=). ' +
  'Slack: an incoming-webhook message (text and blocks: rule, value against threshold, window in the destination’s zone, chart link). ' +
  'PagerDuty: Events API v2, a trigger with dedup_key the incident id and a resolve with the same key. E-mail: subject, text and HTML with the chart link, over the operator’s SMTP server (PULSE_SMTP_HOST).';

export function destinationPaths({ ok, errors, body, security, badBody }: PathParts) {
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 }, description: 'A destination’s id, as GET /api/destinations lists it.' };
  const admin = ['unauthenticated', 'forbidden'] as const;
  return {
    '/api/destinations': {
      get: { operationId: 'listDestinations', summary: "The tenant's e-mail, Slack and PagerDuty destinations, secrets masked, each with its last delivery", description: `${DELIVERY} ${ADMINS}`, security, responses: { ...ok('Destinations', 'Destinations'), ...errors(...admin) } },
      post: {
        operationId: 'addDestination',
        summary: 'Adds a destination (at most 20 per tenant, else 409); a Slack URL must be https at a public address, e-mail needs the server’s SMTP settings (else 400 at kind)',
        description: ADMINS,
        security,
        requestBody: body('DestinationCreate', { kind: 'slack', name: 'On-call channel', severities: ['warning', 'critical'], tz: 'Europe/Berlin', url: 'https://hooks.slack.com/services/T000/B000/XXXX' }),
        responses: { ...ok('Added', 'DestinationResponse'), ...errors(...badBody, ...admin, 'conflict', 'rate_limited') },
      },
    },
    '/api/destinations/{id}': {
      put: {
        operationId: 'changeDestination',
        summary: 'Changes a destination’s name, severities, zone and target; its kind cannot change (400 at kind); a secret (url, routingKey) left out keeps the stored one',
        description: ADMINS,
        security,
        parameters: [id],
        requestBody: body('DestinationUpdate', { kind: 'pagerduty', name: 'Primary on-call', severities: ['critical'], tz: 'UTC' }),
        responses: { ...ok('Changed', 'DestinationResponse'), ...errors(...badBody, ...admin, 'not_found', 'rate_limited') },
      },
      delete: { operationId: 'removeDestination', summary: 'Removes a destination; what is still pending for it is dead-lettered (no_destination)', description: ADMINS, security, parameters: [id], responses: { ...ok('Removed', 'DestinationRemoved'), ...errors('forbidden', 'unauthenticated', 'not_found') } },
    },
    '/api/destinations/{id}/test': {
      post: {
        operationId: 'testDestination',
        summary: 'Queues a test message to the destination through the outbox (for PagerDuty a trigger, to be resolved there); the delivery ids',
        description: ADMINS,
        security,
        parameters: [id],
        responses: { ...ok('Queued', 'DestinationTest'), ...errors('forbidden', 'unauthenticated', 'not_found', 'rate_limited') },
      },
    },
  };
}
