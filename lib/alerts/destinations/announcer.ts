import 'server-only';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AlertEventSchema } from '../alert-event';
import { alertId } from '../incidents';
import { alertHref } from '../links';
import { deliveryId, type Accepted, type Outbox } from '../outbox';
import type { DestinationStore, IncidentNotice, StoredDestination } from './destination-store';
import { alertEmail } from './email';
import type { AlertNotice } from './notice';
import { pagerDutyEvent } from './pagerduty';
import { slackMessage } from './slack';

type AlertEvent = z.infer<typeof AlertEventSchema>;

export type AnnouncerDeps = {
  store: DestinationStore;
  outbox: Pick<Outbox, 'accept'>;
  /** Base of the chart links (PULSE_PUBLIC_URL). */
  publicUrl: string;
  now?: () => number;
};

/** The stored body of one destination's message (its secret is added when sending). */
export function messageFor(kind: StoredDestination['kind'], n: AlertNotice): Record<string, unknown> {
  if (kind === 'slack') return slackMessage(n);
  if (kind === 'pagerduty') return pagerDutyEvent(n);
  return alertEmail(n);
}

type Event = Omit<AlertNotice, 'href' | 'tz'>;

const noNul = (s: string) => s.replaceAll('\0', '\uFFFD');

/**
 * Turns alert events, incident resolutions and test requests into outbox deliveries, one per
 * destination whose severities include the incident's. Each delivery's identity names the
 * destination, the event and the incident, so reading an alert twice, or announcing a
 * resolution again after a crash, stores nothing new.
 */
export class DestinationAnnouncer {
  private readonly now: () => number;
  constructor(private readonly d: AnnouncerDeps) {
    this.now = d.now ?? Date.now;
  }

  private accepted(dest: StoredDestination, e: Event, incident: string, identity: unknown): Accepted {
    const href = new URL(alertHref({ rule: e.rule, window_start: e.windowStart, window_end: e.windowEnd }, dest.tz), this.d.publicUrl).toString();
    return { tenant: dest.tenant, destination: dest.id, incident, identity, payload: messageFor(dest.kind, { ...e, href, tz: dest.tz }) };
  }

  private async matching(tenant: string, severity: string): Promise<StoredDestination[]> {
    return (await this.d.store.listDestinations(tenant)).filter((dest) => (dest.severities as string[]).includes(severity));
  }

  /**
   * A firing window: noted as (part of) an incident, announced once per incident and severity to
   * each matching destination (a warning that turns critical reaches the critical-only ones).
   */
  async alert(event: AlertEvent): Promise<void> {
    // PostgreSQL text cannot hold NUL: one in an alert's words must not stop the notifier on that message forever.
    const a = { ...event, tenant: noNul(event.tenant), rule: noNul(event.rule), severity: noNul(event.severity), message: noNul(event.message) };
    const targets = await this.matching(a.tenant, a.severity);
    if (!targets.length) return;
    const incident = await this.d.store.noteWindow(
      { tenant: a.tenant, rule: a.rule, message: a.message, severity: a.severity, windowStart: a.window_start, windowEnd: a.window_end, windowMs: a.window_end - a.window_start },
      alertId({ rule: a.rule, windowStart: a.window_start, message: a.message }),
    );
    if (incident.resolvedAt !== null) return;
    const e: Event = { event: 'trigger', tenant: a.tenant, incidentId: incident.incidentId, rule: a.rule, severity: a.severity, message: a.message, value: a.value, threshold: a.threshold, windowStart: a.window_start, windowEnd: a.window_end, at: a.window_end };
    await this.d.outbox.accept(targets.map((dest) => this.accepted(dest, e, incident.incidentId, { destination: dest.id, event: 'trigger', incident: incident.incidentId, severity: a.severity })));
  }

  /** An incident resolved (by `by`, or automatically: null): announced to the destinations that heard of it, then marked so. */
  async resolved(tenant: string, incidentId: string, by: string | null): Promise<void> {
    const incident = await this.d.store.incident(tenant, incidentId);
    if (!incident || incident.resolvedAt !== null) return;
    await this.announceResolution(incident, by);
  }

  /** The resolution of a noted incident; the outbox is written before the mark, so a crash in between repeats it as the same deliveries. */
  async announceResolution(incident: IncidentNotice, by: string | null): Promise<void> {
    const at = this.now();
    const targets = await this.matching(incident.tenant, incident.severity);
    const e: Event = { event: 'resolve', tenant: incident.tenant, incidentId: incident.incidentId, rule: incident.rule, severity: incident.severity, message: incident.message, value: null, threshold: null, windowStart: incident.windowStart, windowEnd: incident.windowEnd, at, resolvedBy: by };
    if (targets.length) await this.d.outbox.accept(targets.map((dest) => this.accepted(dest, e, incident.incidentId, { destination: dest.id, event: 'resolve', incident: incident.incidentId })));
    await this.d.store.markResolved(incident.tenant, incident.incidentId, at);
  }

  /**
   * A test message to one destination; the delivery ids. For PagerDuty a trigger only: the test
   * incident is resolved in PagerDuty by whoever tests.
   */
  async test(dest: StoredDestination): Promise<string[]> {
    const at = this.now();
    const nonce = randomUUID();
    const e: Event = { event: 'test', tenant: dest.tenant, incidentId: `pulseboard-test-${nonce}`, rule: 'test', severity: dest.severities.at(-1) ?? 'info', message: 'Test message', value: null, threshold: null, windowStart: at - 300_000, windowEnd: at, at };
    const accepted = this.accepted(dest, e, e.incidentId, { destination: dest.id, event: 'test', nonce });
    await this.d.outbox.accept([accepted]);
    return [deliveryId(accepted.tenant, accepted.identity)];
  }
}
