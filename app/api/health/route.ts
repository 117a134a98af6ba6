import { route, json } from '@/lib/api/handler';
import { listDatasources } from '@/lib/dashboards/registry';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** Engine reachable and how fresh each datasource is; 503 when the engine does not answer. */
export const GET = route('health', async () => {
  const rt = await getRuntime();
  const now = Date.now();
  try {
    const freshness = Object.fromEntries(
      await Promise.all(
        listDatasources().map(async ({ id: ds }) => {
          const until = await rt.freshness.latest(ds);
          return [ds, { dataUntil: until === null ? null : new Date(until).toISOString(), lagSeconds: until === null ? null : Math.max(0, (now - until) / 1000) }];
        }),
      ),
    );
    return json({ status: 'ok', engine: rt.engine.name, uptimeSeconds: Math.round((now - rt.startedAt) / 1000), datasources: freshness });
  } catch {
    return json({ status: 'unavailable', engine: rt.engine.name }, { status: 503 });
  }
});
