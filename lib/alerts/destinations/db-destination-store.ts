import 'server-only';
import type { SecretBox } from '@/lib/auth/secret-box';
import type { Severity } from '@/lib/contract/destinations';
import type { Queryable } from '@/lib/store/sql';
import type { DestinationStore, DestinationTarget, IncidentNotice, StoredDestination } from './destination-store';

type DestinationRow = { id: string; tenant_id: string; kind: StoredDestination['kind']; name: string; severities: Severity[]; tz: string; target: string; created_at: Date; updated_at: Date };
type NoticeRow = { tenant_id: string; incident_id: string; rule: string; message: string; severity: string; window_start: number | string; window_end: number | string; window_ms: number | string; resolved_at: number | string | null };

/** The sealed target is bound to its tenant and destination: a value copied to another row does not open. */
const targetContext = (tenant: string, id: string) => `alert-destination:${tenant}:${id}`;

const destination = (box: SecretBox, r: DestinationRow): StoredDestination => ({
  id: r.id,
  tenant: r.tenant_id,
  kind: r.kind,
  name: r.name,
  severities: r.severities,
  tz: r.tz,
  target: JSON.parse(box.open(r.target, targetContext(r.tenant_id, r.id))) as DestinationTarget,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

// bigint columns come back as strings from pg and as numbers from PGlite.
const notice = (r: NoticeRow): IncidentNotice => ({
  tenant: r.tenant_id,
  incidentId: r.incident_id,
  rule: r.rule,
  message: r.message,
  severity: r.severity,
  windowStart: Number(r.window_start),
  windowEnd: Number(r.window_end),
  windowMs: Number(r.window_ms),
  resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
});

/**
 * Destinations and announced incidents in the app-state database (tables alert_destinations,
 * alert_incident_notices). A destination's target (Slack URL, PagerDuty routing key, recipients)
 * is kept sealed with the app's SecretBox, as tenants' embed secrets are: never in clear in the database.
 */
export class DbDestinationStore implements DestinationStore {
  constructor(
    private readonly db: Queryable,
    private readonly box: SecretBox,
  ) {}

  async listDestinations(tenant: string): Promise<StoredDestination[]> {
    return (await this.db.query<DestinationRow>('select * from alert_destinations where tenant_id = $1 order by created_at, id', [tenant])).map((r) => destination(this.box, r));
  }

  async getDestination(tenant: string, id: string): Promise<StoredDestination | undefined> {
    const rows = await this.db.query<DestinationRow>('select * from alert_destinations where tenant_id = $1 and id = $2', [tenant, id]);
    return rows[0] && destination(this.box, rows[0]);
  }

  async putDestination(d: StoredDestination): Promise<void> {
    // The tenant is part of the match: an id of another tenant's destination is never overwritten.
    await this.db.query(
      `insert into alert_destinations (id, tenant_id, kind, name, severities, tz, target, created_at, updated_at)
       values ($1, $2, $3, $4, $5::text[], $9, $6, $7, $8)
       on conflict (id) do update set name = excluded.name, severities = excluded.severities, tz = excluded.tz, target = excluded.target, updated_at = excluded.updated_at
       where alert_destinations.tenant_id = excluded.tenant_id`,
      [d.id, d.tenant, d.kind, d.name, d.severities, this.box.seal(JSON.stringify(d.target), targetContext(d.tenant, d.id)), new Date(d.createdAt), new Date(d.updatedAt), d.tz],
    );
  }

  async removeDestination(tenant: string, id: string): Promise<boolean> {
    return (await this.db.query('delete from alert_destinations where tenant_id = $1 and id = $2 returning id', [tenant, id])).length > 0;
  }

  async noteWindow(w: Omit<IncidentNotice, 'incidentId' | 'resolvedAt'>, newId: string): Promise<IncidentNotice> {
    const open = await this.db.query<NoticeRow>(
      `update alert_incident_notices set window_end = greatest(window_end, $5), window_ms = $6,
         severity = case when $4 = 'critical' or (severity = 'info' and $4 = 'warning') then $4 else severity end
       where incident_id = (
         select incident_id from alert_incident_notices
         where tenant_id = $1 and rule = $2 and message = $3 and resolved_at is null and window_start <= $7 and window_end >= $7
         order by window_start desc limit 1)
       and tenant_id = $1 returning *`,
      [w.tenant, w.rule, w.message, w.severity, w.windowEnd, w.windowMs, w.windowStart],
    );
    if (open[0]) return notice(open[0]);
    const rows = await this.db.query<NoticeRow>(
      `insert into alert_incident_notices (tenant_id, incident_id, rule, message, severity, window_start, window_end, window_ms)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (tenant_id, incident_id) do update set window_end = greatest(alert_incident_notices.window_end, excluded.window_end)
       returning *`,
      [w.tenant, newId, w.rule, w.message, w.severity, w.windowStart, w.windowEnd, w.windowMs],
    );
    return notice(rows[0]!);
  }

  async openIncidents(limit: number): Promise<IncidentNotice[]> {
    return (await this.db.query<NoticeRow>('select * from alert_incident_notices where resolved_at is null order by window_end limit $1', [limit])).map(notice);
  }

  async incident(tenant: string, incidentId: string): Promise<IncidentNotice | undefined> {
    const rows = await this.db.query<NoticeRow>('select * from alert_incident_notices where tenant_id = $1 and incident_id = $2', [tenant, incidentId]);
    return rows[0] && notice(rows[0]);
  }

  async markResolved(tenant: string, incidentId: string, at: number): Promise<void> {
    await this.db.query('update alert_incident_notices set resolved_at = $3 where tenant_id = $1 and incident_id = $2 and resolved_at is null', [tenant, incidentId, at]);
  }
}
