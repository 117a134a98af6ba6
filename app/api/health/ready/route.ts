import { route, json } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import type { ReadySchema } from '@/lib/contract/schemas';
import { getRuntime } from '@/lib/runtime/runtime';
import type { z } from 'zod';

export const dynamic = 'force-dynamic';

/** Readiness: the engine answers (checked at most every few seconds); 503 with Retry-After when it does not. */
export const GET = route('ready', async () => json((await (await getRuntime()).readiness.check()) satisfies z.input<typeof ReadySchema>));

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('ready', '/api/health/ready');
