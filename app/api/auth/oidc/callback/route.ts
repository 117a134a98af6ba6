import { route } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { oidcCallback } from '@/lib/api/oidc-endpoints';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** Where the provider sends the browser back: the session starts here, or the sign-in page says why not. */
export const GET = route('oidc-callback', async (req, ctx) => oidcCallback(req, ctx, (await getRuntime()).oidc));

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('oidc-callback', '/api/auth/oidc/callback');
