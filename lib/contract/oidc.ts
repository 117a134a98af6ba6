/**
 * Why an OpenID Connect sign-in failed: a short name carried to the sign-in page in the URL
 * (`/login?error=oidc.<name>`, never the message itself, so nobody can put words on our page with
 * a link) and, for API-style requests, the JSON error's code and message.
 */
import type { ErrorCode } from '@/lib/errors/app-error';

type Problem = { code: ErrorCode; message: (provider: string) => string };

export const OIDC_PROBLEMS = {
  not_configured: { code: 'not_found', message: () => 'Single sign-on is not set up here. Sign in with your email and password.' },
  expired: { code: 'unauthenticated', message: () => 'The sign-in took too long or was started in another browser. Please try again.' },
  state_mismatch: { code: 'unauthenticated', message: () => 'This sign-in answer does not belong to the sign-in started in this browser, so it was refused. Please try again.' },
  denied: { code: 'unauthenticated', message: (p) => `Signing in with ${p} was cancelled or refused.` },
  provider_error: { code: 'unauthenticated', message: (p) => `${p} could not sign you in. Please try again.` },
  unverified: { code: 'unauthenticated', message: (p) => `The answer from ${p} could not be verified, so you were not signed in. Please try again.` },
  no_tenant: { code: 'forbidden', message: (p) => `Your ${p} account is not assigned to an organisation. Ask your administrator to add it.` },
  no_role: { code: 'forbidden', message: (p) => `Your ${p} account has no Pulseboard role. Ask your administrator to give it one of: viewer, editor, admin.` },
  unknown_role: { code: 'forbidden', message: (p) => `Your ${p} account's role is not a Pulseboard role (viewer, editor or admin). Ask your administrator to correct it.` },
  rate_limited: { code: 'rate_limited', message: () => 'Too many failed sign-ins from your network. Please wait a few minutes and try again.' },
  failed: { code: 'internal', message: (p) => `Signing in with ${p} failed on our side. Please try again.` },
  unavailable: { code: 'engine_unavailable', message: (p) => `${p} cannot be reached right now. Try again in a moment, or sign in with your email and password.` },
} as const satisfies Record<string, Problem>;

export type OidcProblem = keyof typeof OIDC_PROBLEMS;

/** The problem in words, naming the provider as the button does. */
export function oidcProblemMessage(problem: OidcProblem, provider: string): string {
  return (OIDC_PROBLEMS[problem] as Problem).message(provider);
}

/** The value of `?error=` on the sign-in page for a problem. */
export const oidcErrorParam = (problem: OidcProblem) => `oidc.${problem}`;

/** The problem named by a sign-in page's `?error=`, if it names one. */
export function oidcProblemOf(param: string | null | undefined): OidcProblem | undefined {
  const name = param?.startsWith('oidc.') ? param.slice(5) : undefined;
  return name !== undefined && Object.hasOwn(OIDC_PROBLEMS, name) ? (name as OidcProblem) : undefined;
}
