/**
 * JSON Schemas of the declaration files, generated from the zod schemas that validate them, so
 * editors complete and check the files (config/schema/*.json, referenced from each file). The
 * cross-checks (a measure's field exists, a panel's measure is declared) are the validator's.
 */
import { z } from 'zod';
import { DatasourceSchema } from './datasource-schema';
import type { Kind } from './declarations';
import { DashboardSchema } from './schema';

export function declarationJsonSchemas(): Record<Kind, Record<string, unknown>> {
  return { datasource: fileSchema('datasource', DatasourceSchema), dashboard: fileSchema('dashboard', DashboardSchema) };
}

function fileSchema(kind: Kind, schema: z.ZodType): Record<string, unknown> {
  const body = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, unknown>; required?: string[] };
  return {
    ...body,
    title: `Pulseboard ${kind}`,
    properties: { kind: { const: kind }, $schema: { type: 'string' }, ...body.properties },
    required: ['kind', ...(body.required ?? [])],
  };
}
