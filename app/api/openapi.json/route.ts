import { route, json } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { openApiDocument } from '@/lib/api/openapi';

export const dynamic = 'force-dynamic';

export const GET = route('openapi', async () => json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } }));

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('openapi', '/api/openapi.json');
