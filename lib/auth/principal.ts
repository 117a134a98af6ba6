import 'server-only';
import { createHash } from 'node:crypto';
import { AppError } from '@/lib/errors/app-error';
import { filterKey } from '@/lib/view/locked';
import type { Filter } from '@/lib/view/schema';
import type { EmbedPrincipal } from './embed-token';
import type { User } from './users';

/**
 * Who a reading request speaks for: a signed-in user (every dashboard of the tenant, no locked
 * filters) or an embed token (its dashboards only, its filters applied to every answer).
 */
export type Principal =
  | { kind: 'session'; tenant: string; user: User; locked: readonly Filter[] }
  | ({ kind: 'embed' } & EmbedPrincipal);

export function sessionPrincipal(user: User): Principal {
  return { kind: 'session', tenant: user.tenant, user, locked: [] };
}

/** 403 unless the principal may read this dashboard (an embed token names its dashboards). */
export function assertDashboard(principal: Principal, dashboard: string): void {
  if (principal.kind === 'embed' && !principal.dashboards.has(dashboard)) {
    throw new AppError('forbidden', 'This embed token does not allow this dashboard.', 'dashboard');
  }
}

export function mayRead(principal: Principal, dashboard: string): boolean {
  return principal.kind === 'session' || principal.dashboards.has(dashboard);
}

/**
 * What answers may be shared between: the tenant and the locked filters, canonical (sorted), so
 * two principals of one tenant with different locks never share a replayed answer.
 */
export function answerScope(principal: Pick<Principal, 'tenant' | 'locked'>): string {
  if (principal.locked.length === 0) return principal.tenant;
  const locked = principal.locked.map(filterKey).sort();
  return `${principal.tenant}#${createHash('sha256').update(JSON.stringify(locked)).digest('base64url').slice(0, 22)}`;
}
