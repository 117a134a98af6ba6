import { route } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { metrics } from '@/lib/metrics/registry';

export const dynamic = 'force-dynamic';

export const GET = route('metrics', async () => {
  const registry = metrics().registry;
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('metrics', '/api/metrics');
