/** What lib/api/openapi.ts hands the files that write parts of the OpenAPI document. */
import type { z } from 'zod';
import type { ErrorCode } from '@/lib/errors/app-error';

/** A named component: requests as accepted (defaults optional), responses as sent. */
export type Component = [id: string, schema: z.ZodType, io: 'input' | 'output'];

/** The document's helpers for responses, bodies and security. */
export type PathParts = {
  ok: (description: string, schemaId: string) => { '200': object };
  errors: (...codes: ErrorCode[]) => object;
  body: (schemaId: string, example?: object) => object;
  security: object[];
  badBody: readonly ErrorCode[];
};
