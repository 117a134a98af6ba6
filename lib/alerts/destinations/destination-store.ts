/**
 * The ports of alert destinations: the tenants' destinations and the incidents announced to them
 * (the app-state database, db-destination-store.ts). Every write resolves once it is committed.
 */
import type { DestinationKind, Severity } from '@/lib/contract/destinations';

/** What each kind needs to deliver: e-mail recipients, a Slack incoming-webhook URL, a PagerDuty routing key. */
export type DestinationTarget = { kind: 'email'; recipients: string[] } | { kind: 'slack'; url: string } | { kind: 'pagerduty'; routingKey: string };

export type StoredDestination = {
  id: string;
  tenant: string;
  kind: DestinationKind;
  name: string;
  severities: Severity[];
  /** The zone messages state times in (and the chart link opens in). */
  tz: string;
  target: DestinationTarget;
  createdAt: string;
  updatedAt: string;
};

/** An incident announced to destinations: what its resolution needs to say, and whether it has been said. */
export type IncidentNotice = {
  tenant: string;
  incidentId: string;
  rule: string;
  message: string;
  severity: string;
  windowStart: number;
  windowEnd: number;
  windowMs: number;
  resolvedAt: number | null;
};

export interface DestinationStore {
  listDestinations(tenant: string): Promise<StoredDestination[]>;
  /** The tenant's destination with this id; another tenant's id names nothing. */
  getDestination(tenant: string, id: string): Promise<StoredDestination | undefined>;
  putDestination(d: StoredDestination): Promise<void>;
  removeDestination(tenant: string, id: string): Promise<boolean>;
  /**
   * Records a firing window and answers the id of the incident it belongs to: the open incident
   * of the same rule and message that it touches (its start no later than the incident's end), else
   * a new one named `newId`. Reading the same window twice answers the same id.
   */
  noteWindow(w: Omit<IncidentNotice, 'incidentId' | 'resolvedAt'>, newId: string): Promise<IncidentNotice>;
  /** Open incidents of every tenant (oldest first): what the automatic resolution looks at. */
  openIncidents(limit: number): Promise<IncidentNotice[]>;
  incident(tenant: string, incidentId: string): Promise<IncidentNotice | undefined>;
  /** Marks the incident resolved: called once its resolution is in the outbox, so a crash in between announces it again (as the same deliveries). */
  markResolved(tenant: string, incidentId: string, at: number): Promise<void>;
}
