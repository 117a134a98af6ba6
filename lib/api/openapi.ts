import { z } from 'zod';
import {
  DashboardSummarySchema,
  ErrorResponseSchema,
  QueryRequestSchema,
  QueryResponseSchema,
  SessionRequestSchema,
  ValuesRequestSchema,
  ValuesResponseSchema,
} from '@/lib/contract/schemas';
import { ERROR_STATUS } from '@/lib/errors/app-error';

/** Request bodies are documented as accepted (input side), responses as sent (output side). */
const input = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' });
const output = (s: z.ZodType) => z.toJSONSchema(s, { io: 'output', target: 'openapi-3.0', unrepresentable: 'any' });

const jsonBody = (schema: object) => ({ content: { 'application/json': { schema } } });
const errors = (...codes: (keyof typeof ERROR_STATUS)[]) =>
  Object.fromEntries(
    [...new Set(codes.map((c) => ERROR_STATUS[c]))].map((status) => [
      String(status),
      { description: codes.filter((c) => ERROR_STATUS[c] === status).join(', '), ...jsonBody({ $ref: '#/components/schemas/Error' }) },
    ]),
  );

const bad = ['invalid_input', 'unsupported_media_type', 'payload_too_large'] as const;

export function openApiDocument() {
  return {
    openapi: '3.0.3',
    info: { title: 'Pulseboard API', version: '1.0.0', description: 'Customer-facing real-time analytics over Kafka → Flink → Druid.' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pb_session' } },
      schemas: { Error: output(ErrorResponseSchema) },
    },
    security: [{ session: [] }],
    paths: {
      '/api/session': {
        post: {
          summary: 'Sign in; sets an httpOnly session cookie',
          security: [],
          requestBody: { required: true, ...jsonBody(input(SessionRequestSchema)) },
          responses: { '200': { description: 'Signed in' }, ...errors(...bad, 'unauthenticated') },
        },
        get: { summary: 'The signed-in user', responses: { '200': { description: 'User' }, ...errors('unauthenticated') } },
        delete: { summary: 'Sign out', responses: { '200': { description: 'Signed out' } } },
      },
      '/api/dashboards': {
        get: {
          summary: "The tenant's dashboards",
          responses: {
            '200': { description: 'Dashboards', ...jsonBody(output(z.object({ dashboards: z.array(DashboardSummarySchema) }))) },
            ...errors('unauthenticated'),
          },
        },
      },
      '/api/dashboards/{id}': {
        get: {
          summary: 'One dashboard: dimensions, measures, panels, default view',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'Dashboard' }, ...errors('unauthenticated', 'not_found') },
        },
      },
      '/api/query': {
        post: {
          summary: "One panel's answer for a view, with the compare period when asked",
          requestBody: { required: true, ...jsonBody(input(QueryRequestSchema)) },
          responses: {
            '200': { description: 'Answer', ...jsonBody(output(QueryResponseSchema)) },
            ...errors(...bad, 'unauthenticated', 'forbidden', 'not_found', 'rate_limited', 'engine_unavailable', 'engine_timeout'),
          },
        },
      },
      '/api/values': {
        post: {
          summary: 'Top values of a dimension, for typeahead',
          requestBody: { required: true, ...jsonBody(input(ValuesRequestSchema)) },
          responses: {
            '200': { description: 'Values', ...jsonBody(output(ValuesResponseSchema)) },
            ...errors(...bad, 'unauthenticated', 'not_found', 'engine_unavailable', 'engine_timeout'),
          },
        },
      },
      '/api/health': { get: { summary: 'Engine reachable and data freshness', security: [], responses: { '200': { description: 'Healthy' }, '503': { description: 'Engine down' } } } },
      '/api/metrics': { get: { summary: 'Prometheus metrics', security: [], responses: { '200': { description: 'Prometheus text format' } } } },
    },
  };
}
