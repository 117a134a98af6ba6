import 'server-only';
import { randomBytes } from 'node:crypto';
import type { DestinationCreate, DestinationUpdate, DestinationView } from '@/lib/contract/destinations';
import { AppError, invalid } from '@/lib/errors/app-error';
import type { OutboundClient } from '@/lib/outbound/client';
import type { Delivery } from '../outbox-store';
import type { DestinationStore, DestinationTarget, StoredDestination } from './destination-store';

/** A tenant's destinations are few; a bound keeps one tenant from filling the table. */
export const MAX_DESTINATIONS_PER_TENANT = 20;

/** Our ids: 12 random bytes, base64url (the table checks the same form). */
const ID = /^[A-Za-z0-9_-]{16}$/;
const notFound = () => new AppError('not_found', 'There is no such destination.', 'id');

/** What GET shows of a target: recipients whole; the Slack URL's host and first path segment; the routing key's last four characters. */
export function maskedTarget(t: DestinationTarget): string {
  if (t.kind === 'email') return t.recipients.join(', ');
  if (t.kind === 'pagerduty') return `routing key …${t.routingKey.slice(-4)}`;
  const url = new URL(t.url);
  return `${url.origin}/${url.pathname.split('/')[1] ?? ''}/…`;
}

export function destinationView(d: StoredDestination, last: Delivery | undefined): DestinationView {
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    severities: d.severities,
    tz: d.tz,
    target: maskedTarget(d.target),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    lastDelivery: last
      ? { state: last.state, at: new Date(last.lastAttemptAt ?? last.createdAt).toISOString(), ...(last.lastStatus === undefined ? {} : { lastStatus: last.lastStatus }), ...(last.lastReason === undefined ? {} : { lastReason: last.lastReason }) }
      : null,
  };
}

/**
 * The tenant's destinations: validated beyond their schema (a Slack URL must be https at a public
 * address, as the outbound policy decides; e-mail needs an SMTP server configured), scoped to the
 * tenant (another tenant's id is "not found", like an id that names nothing).
 */
export class DestinationRegistry {
  constructor(
    private readonly store: DestinationStore,
    private readonly outbound: OutboundClient,
    private readonly opts: { emailConfigured: boolean; allowPrivate: boolean },
  ) {}

  list(tenant: string): Promise<StoredDestination[]> {
    return this.store.listDestinations(tenant);
  }

  async get(tenant: string, id: string): Promise<StoredDestination> {
    // Not of our ids' form (a NUL byte, say, which PostgreSQL text cannot hold): it names nothing, unasked.
    if (!ID.test(id)) throw notFound();
    return (await this.store.getDestination(tenant, id)) ?? Promise.reject(notFound());
  }

  /** The target as stored (only its own fields), once it passes the checks. */
  private async checkTarget(t: DestinationTarget): Promise<DestinationTarget> {
    if (t.kind === 'email') {
      if (!this.opts.emailConfigured) throw invalid('E-mail is not set up on this server (PULSE_SMTP_HOST): choose another kind.', 'kind');
      return { kind: 'email', recipients: [...new Set(t.recipients.map((r) => r.toLowerCase()))] };
    }
    if (t.kind === 'pagerduty') return { kind: 'pagerduty', routingKey: t.routingKey };
    // Plain http only where the operator allows private addresses (development and tests).
    if (!t.url.toLowerCase().startsWith('https://') && !this.opts.allowPrivate) throw invalid('The Slack URL must be https.', 'url');
    const failure = await this.outbound.check(t.url);
    if (failure === 'invalid_url') throw invalid('The Slack URL must be an http(s) URL without credentials.', 'url');
    if (failure === 'blocked_address') throw invalid('The Slack URL must be at a public address.', 'url');
    return { kind: 'slack', url: new URL(t.url).toString() };
  }

  async create(tenant: string, input: DestinationCreate): Promise<StoredDestination> {
    if ((await this.store.listDestinations(tenant)).length >= MAX_DESTINATIONS_PER_TENANT) throw new AppError('conflict', `A tenant can have at most ${MAX_DESTINATIONS_PER_TENANT} destinations: remove one first.`);
    const target = await this.checkTarget(input);
    const now = new Date().toISOString();
    const d: StoredDestination = { id: randomBytes(12).toString('base64url'), tenant, kind: input.kind, name: input.name, severities: input.severities, tz: input.tz, target, createdAt: now, updatedAt: now };
    await this.store.putDestination(d);
    return d;
  }

  /** Replaces the name, severities, zone and target; a secret left out is kept. */
  async update(tenant: string, id: string, input: DestinationUpdate): Promise<StoredDestination> {
    const current = await this.get(tenant, id);
    if (current.kind !== input.kind) throw invalid(`This destination is ${current.kind}: its kind cannot change (add a new one).`, 'kind');
    // The kinds match (checked above); a secret left out is the stored one.
    const stored = current.target as Partial<Record<'url' | 'routingKey', string>>;
    const target = await this.checkTarget(
      input.kind === 'slack' ? { kind: 'slack', url: input.url ?? stored.url! } : input.kind === 'pagerduty' ? { kind: 'pagerduty', routingKey: input.routingKey ?? stored.routingKey! } : input,
    );
    const d: StoredDestination = { ...current, name: input.name, severities: input.severities, tz: input.tz, target, updatedAt: new Date().toISOString() };
    await this.store.putDestination(d);
    return d;
  }

  async remove(tenant: string, id: string): Promise<StoredDestination> {
    const d = await this.get(tenant, id);
    await this.store.removeDestination(tenant, id);
    return d;
  }
}
