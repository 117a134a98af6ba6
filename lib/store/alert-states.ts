import 'server-only';
import type { Queryable } from './sql';

export type AlertStateName = 'acknowledged' | 'resolved';

/** What a person did to an alert: its state, their note, who (email, with their name if they gave one) and when. */
export type AlertStateRow = { alertId: string; state: AlertStateName; note: string | null; by: string; byName: string | null; at: Date };

const COLUMNS = `s.alert_id as "alertId", s.state, s.note, s.by_user as "by", u.name as "byName", s.at`;

export function alertStatesRepo(db: Queryable) {
  return {
    /** The tenant's states of these alerts (an alert without one is open). */
    async forAlerts(tenant: string, ids: string[]): Promise<AlertStateRow[]> {
      if (!ids.length) return [];
      return db.query<AlertStateRow>(
        `select ${COLUMNS} from alert_states s left join users u on u.email = s.by_user
         where s.tenant_id = $1 and s.alert_id = any($2::text[])`,
        [tenant, ids],
      );
    },

    /** Sets the alert's state (replacing an earlier one). */
    async set(tenant: string, alertId: string, change: { state: AlertStateName; note: string | null; by: string }): Promise<void> {
      await db.query(
        `insert into alert_states (tenant_id, alert_id, state, note, by_user) values ($1, $2, $3, $4, $5)
         on conflict (tenant_id, alert_id) do update set state = excluded.state, note = excluded.note, by_user = excluded.by_user, at = now()`,
        [tenant, alertId, change.state, change.note, change.by],
      );
    },
  };
}
