import { AppError } from '@/lib/errors/app-error';
import { route, json } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { listDatasources } from '@/lib/dashboards/registry';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** Engine reachable and how fresh each datasource is; 503 (with Retry-After) when the engine does not answer. */
export const GET = route('health', async () => {
  const rt = await getRuntime();
  const now = Date.now();
  let freshness: Record<string, { dataUntil: string | null; lagSeconds: number | null }>;
  try {
    freshness = Object.fromEntries(
      await Promise.all(
        listDatasources().map(async ({ id: ds }) => {
          const until = await rt.freshness.latest(ds);
          return [ds, { dataUntil: until === null ? null : new Date(until).toISOString(), lagSeconds: until === null ? null : Math.max(0, (now - until) / 1000) }];
        }),
      ),
    );
  } catch {
    throw new AppError('engine_unavailable', `The ${rt.engine.name} engine does not answer.`);
  }
  return json({ status: 'ok', engine: rt.engine.name, uptimeSeconds: Math.round((now - rt.startedAt) / 1000), datasources: freshness });
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('health', '/api/health');
