import 'server-only';
import type { Queryable } from '@/lib/store/sql';
import type { AttemptOutcome, Delivery, DeliveryReason, OutboxStore, StoredWebhook, WebhookStore } from './outbox-store';

/** Finished deliveries kept per tenant for its delivery log; pending ones are never dropped. */
const KEEP_FINISHED_PER_TENANT = 200;

type Row = {
  id: string;
  tenant_id: string;
  destination_id: string | null;
  incident_id: string | null;
  body: string;
  created_at: number;
  state: Delivery['state'];
  attempts: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  last_status: number | null;
  last_reason: DeliveryReason | null;
};

const delivery = (r: Row): Delivery => ({
  id: r.id,
  tenant: r.tenant_id,
  ...(r.destination_id === null ? {} : { destination: r.destination_id }),
  ...(r.incident_id === null ? {} : { incident: r.incident_id }),
  body: r.body,
  createdAt: r.created_at,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  ...(r.last_attempt_at === null ? {} : { lastAttemptAt: r.last_attempt_at }),
  ...(r.last_status === null ? {} : { lastStatus: r.last_status }),
  ...(r.last_reason === null ? {} : { lastReason: r.last_reason }),
});

/**
 * Webhooks and the delivery outbox in the app-state database (tables webhooks and
 * webhook_deliveries): every write is committed before its promise resolves, and every instance
 * sharing the database sees the same registry and outbox, each sending only the deliveries it
 * has claimed (the same SQL on PostgreSQL and PGlite).
 */
export class DbAlertStore implements WebhookStore, OutboxStore {
  constructor(private readonly db: Queryable) {}

  async getWebhook(tenant: string): Promise<StoredWebhook | undefined> {
    const rows = await this.db.query<{ url: string; secret: string; created_at: Date }>('select url, secret, created_at from webhooks where tenant_id = $1', [tenant]);
    const r = rows[0];
    return r && { url: r.url, secret: r.secret, createdAt: r.created_at.toISOString() };
  }

  async putWebhook(tenant: string, hook: StoredWebhook): Promise<void> {
    await this.db.query(
      `insert into webhooks (tenant_id, url, secret, created_at) values ($1, $2, $3, $4)
       on conflict (tenant_id) do update set url = excluded.url, secret = excluded.secret, created_at = excluded.created_at`,
      [tenant, hook.url, hook.secret, new Date(hook.createdAt)],
    );
  }

  async removeWebhook(tenant: string): Promise<boolean> {
    return (await this.db.query('delete from webhooks where tenant_id = $1 returning tenant_id', [tenant])).length > 0;
  }

  async addDeliveries(deliveries: Delivery[]): Promise<void> {
    for (const d of deliveries) {
      await this.db.query(
        `insert into webhook_deliveries (id, tenant_id, body, created_at, state, attempts, next_attempt_at, last_reason, destination_id, incident_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (id) do nothing`,
        [d.id, d.tenant, d.body, d.createdAt, d.state, d.attempts, d.nextAttemptAt, d.lastReason ?? null, d.destination ?? null, d.incident ?? null],
      );
    }
  }

  async claimDue(owner: string, now: number, leaseMs: number, limit: number, busy: ReadonlySet<string> = new Set()): Promise<Delivery[]> {
    // SKIP LOCKED: rows another instance is claiming right now are passed over, not waited for;
    // once its claim is committed, claimed_until keeps them out until it expires. A delivery
    // waits while an older one to its destination about its incident is pending (claimed or
    // not): a resolve must not overtake its trigger; once that one is delivered or dead, it goes.
    const rows = await this.db.query<Row & { seq: number }>(
      `update webhook_deliveries set claimed_by = $1, claimed_until = $3 where id in (
         select d.id from webhook_deliveries d
         where d.state = 'pending' and d.next_attempt_at <= $2 and (d.claimed_until is null or d.claimed_until <= $2) and not (d.tenant_id = any($4::text[]))
           and not (d.incident_id is not null and exists (
             select 1 from webhook_deliveries e
             where e.destination_id = d.destination_id and e.incident_id = d.incident_id and e.state = 'pending' and e.seq < d.seq))
         order by d.seq limit $5 for update of d skip locked)
       returning *`,
      [owner, now, now + leaseMs, [...busy], limit],
    );
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(delivery);
  }

  async release(owner: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db.query('update webhook_deliveries set claimed_by = null, claimed_until = null where id = any($1::text[]) and claimed_by = $2', [ids, owner]);
  }

  async recordAttempt(id: string, owner: string, o: AttemptOutcome): Promise<void> {
    const rows = await this.db.query<{ tenant_id: string }>(
      `update webhook_deliveries set state = $3, attempts = $4, next_attempt_at = $5, last_attempt_at = $6, last_status = $7, last_reason = $8,
         claimed_by = null, claimed_until = null
       where id = $1 and claimed_by = $2 returning tenant_id`,
      [id, owner, o.state, o.attempts, o.nextAttemptAt, o.lastAttemptAt ?? null, o.lastStatus ?? null, o.lastReason ?? null],
    );
    if (o.state === 'pending' || !rows[0]) return;
    // The finished ones beyond the newest KEEP_FINISHED_PER_TENANT (none while there are fewer: `seq <= null`).
    await this.db.query(
      `delete from webhook_deliveries where tenant_id = $1 and state <> 'pending' and seq <= (
         select seq from webhook_deliveries where tenant_id = $1 and state <> 'pending' order by seq desc offset $2 limit 1)`,
      [rows[0].tenant_id, KEEP_FINISHED_PER_TENANT],
    );
  }

  async listDeliveries(tenant: string, limit: number, destination?: string): Promise<Delivery[]> {
    if (destination === undefined) return (await this.db.query<Row>('select * from webhook_deliveries where tenant_id = $1 order by seq desc limit $2', [tenant, limit])).map(delivery);
    const rows = await this.db.query<Row>(
      `select * from webhook_deliveries where tenant_id = $1 and ${destination === 'webhook' ? 'destination_id is null and $3::text is null' : 'destination_id = $3'} order by seq desc limit $2`,
      [tenant, limit, destination === 'webhook' ? null : destination],
    );
    return rows.map(delivery);
  }

  async latestPerDestination(tenant: string): Promise<Map<string, Delivery>> {
    const rows = await this.db.query<Row>(
      'select distinct on (destination_id) * from webhook_deliveries where tenant_id = $1 and destination_id is not null order by destination_id, seq desc',
      [tenant],
    );
    return new Map(rows.map((r) => [r.destination_id!, delivery(r)]));
  }

  async pendingCount(tenant: string): Promise<number> {
    return (await this.db.query<{ n: number }>("select count(*)::int as n from webhook_deliveries where tenant_id = $1 and state = 'pending'", [tenant]))[0]!.n;
  }
}
