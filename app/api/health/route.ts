import { route, json } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import type { HealthSchema } from '@/lib/contract/schemas';
import type { z } from 'zod';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers HTTP. No engine work, so probing it costs nothing. */
export const GET = route('health', async () => json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) } satisfies z.input<typeof HealthSchema>));

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('health', '/api/health');
