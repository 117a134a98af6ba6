import 'server-only';
import { isOidcFailure, type OidcSignIn } from '@/lib/auth/oidc';
import { OIDC_PROBLEMS, oidcErrorParam, oidcProblemMessage, type OidcProblem } from '@/lib/contract/oidc';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { logger } from '@/lib/metrics/log';
import { errorResponse } from './handler';
import type { RequestContext } from './request-context';

/**
 * The two OpenID Connect routes' logic. A browser (it asks for HTML) is always sent on with a
 * redirect: to the provider, to the page it came from, or back to the sign-in page with the
 * failure named in `?error=` (the page words it). Anything else gets the API's JSON errors.
 */
export async function oidcStart(req: Request, ctx: RequestContext, oidc: OidcSignIn | undefined, next: string): Promise<Response> {
  try {
    if (!oidc) throw new AppError('not_found', oidcProblemMessage('not_configured', ''));
    const { location, setCookie } = await oidc.start(req, next);
    return redirect(location, [setCookie]);
  } catch (err) {
    return failure(req, ctx, err, oidc, next, []);
  }
}

export async function oidcCallback(req: Request, ctx: RequestContext, oidc: OidcSignIn | undefined): Promise<Response> {
  const started = performance.now();
  try {
    if (!oidc) throw new AppError('not_found', oidcProblemMessage('not_configured', ''));
    const { user, next, setCookies, providerMs } = await oidc.callback(req);
    ctx.note({ tenant: user.tenant });
    const res = redirect(next, setCookies);
    // How long the callback took, and how much of it was the provider (token exchange, its keys).
    res.headers.set('server-timing', `callback;dur=${(performance.now() - started).toFixed(1)}, provider;dur=${providerMs.toFixed(1)}`);
    return res;
  } catch (err) {
    // A flow is used once: whatever happened, its cookie goes.
    return failure(req, ctx, err, oidc, isOidcFailure(err) ? err.next : '/', oidc ? [oidc.clearFlowCookie()] : []);
  }
}

function failure(req: Request, ctx: RequestContext, err: unknown, oidc: OidcSignIn | undefined, next: string, setCookies: string[]): Response {
  const problem = problemOf(err, oidc);
  const cause = isOidcFailure(err) ? err.cause : problem === 'failed' ? err : undefined;
  logger().warn({ requestId: ctx.id, problem, cause: cause instanceof Error ? cause.message : undefined }, 'oidc sign-in refused');
  if (wantsHtml(req)) {
    const params = new URLSearchParams({ error: oidcErrorParam(problem), ...(next === '/' ? {} : { next }) });
    return redirect(`/login?${params}`, setCookies);
  }
  const appError = isAppError(err) ? err : new AppError(OIDC_PROBLEMS[problem].code, oidcProblemMessage(problem, oidc?.name ?? 'single sign-on'));
  const res = errorResponse(appError, ctx);
  for (const c of setCookies) res.headers.append('set-cookie', c);
  return res;
}

function problemOf(err: unknown, oidc: OidcSignIn | undefined): OidcProblem {
  if (isOidcFailure(err)) return err.problem;
  if (!oidc) return 'not_configured';
  if (isAppError(err) && err.code === 'rate_limited') return 'rate_limited';
  return 'failed';
}

/** A navigation (the sign-in button, the provider's redirect) rather than an API client. */
const wantsHtml = (req: Request) => /\btext\/html\b/.test(req.headers.get('accept') ?? '');

/** 303: the next request is a GET whatever brought us here. */
function redirect(location: string, setCookies: string[]): Response {
  const res = new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
  for (const c of setCookies) res.headers.append('set-cookie', c);
  return res;
}
