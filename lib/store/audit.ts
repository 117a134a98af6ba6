import 'server-only';
import type { Queryable } from './sql';

/** What is audited: sign-ins, every change an admin or the operator makes, and changes to saved views, tenant dashboards, annotations, alert states and scheduled reports. */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'tenant_created',
  'user_created',
  'user_invited',
  'invitation_withdrawn',
  'invitation_accepted',
  'role_changed',
  'user_removed',
  'webhook_registered',
  'webhook_removed',
  'destination_added',
  'destination_changed',
  'destination_removed',
  'destination_tested',
  'thresholds_changed',
  'embed_secret_rotated',
  'embed_secret_removed',
  'embed_settings_changed',
  'tenant_switched',
  'view_saved',
  'view_changed',
  'view_deleted',
  'dashboard_created',
  'dashboard_changed',
  'dashboard_deleted',
  'alert_acknowledged',
  'alert_resolved',
  'annotation_added',
  'annotation_deleted',
  'report_scheduled',
  'report_changed',
  'report_removed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = { id: number; actor: string; action: AuditAction; target: string | null; detail: Record<string, unknown>; at: Date };

export function auditRepo(db: Queryable) {
  return {
    async record(e: { tenant: string | null; actor: string; action: AuditAction; target?: string; detail?: Record<string, unknown> }): Promise<void> {
      await db.query('insert into audit_log (tenant_id, actor, action, target, detail) values ($1, $2, $3, $4, $5)', [
        e.tenant,
        e.actor,
        e.action,
        e.target ?? null,
        JSON.stringify(e.detail ?? {}),
      ]);
    },

    /** The tenant's entries, newest first, `limit` of them before the entry with id `before` (paging). */
    async list(tenant: string, opts: { limit: number; before?: number }): Promise<AuditEntry[]> {
      return db.query<AuditEntry>(
        `select id, actor, action, target, detail, at from audit_log
         where tenant_id = $1 and ($2::bigint is null or id < $2) order by id desc limit $3`,
        [tenant, opts.before ?? null, opts.limit],
      );
    },
  };
}
