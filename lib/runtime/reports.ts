import 'server-only';
import type { WebhookStore } from '@/lib/alerts/outbox-store';
import { checkReportView } from '@/lib/api/reports';
import { logger } from '@/lib/metrics/log';
import type { OutboundClient } from '@/lib/outbound/client';
import type { Mailer } from '@/lib/outbound/mailer';
import { ReportScheduler } from '@/lib/reports/scheduler';
import type { Runtime } from './runtime';

/** The scheduled reports' sender of this instance, started: drawn by the export renderer, sent the ways alerts go. */
export function startReports(rt: Pick<Runtime, 'config' | 'store' | 'renderer' | 'auth' | 'tenantDashboards' | 'freshness'>, ways: { webhooks: WebhookStore; client: OutboundClient; mailer?: Mailer }): ReportScheduler {
  const scheduler = new ReportScheduler({
    store: rt.store,
    webhooks: ways.webhooks,
    client: ways.client,
    mailer: ways.mailer,
    render: (job) => rt.renderer.render(job),
    renderToken: (grant) => rt.auth.renderToken(grant),
    check: (tenant, s, view) => checkReportView(rt, tenant, { dashboard: s.dashboard, panel: s.panel, view }),
    publicUrl: rt.config.PULSE_PUBLIC_URL,
    pollMs: rt.config.PULSE_REPORTS_POLL_MS,
    baseDelayMs: rt.config.PULSE_REPORTS_RETRY_MS,
    onAttempt: (run, o) => logger().info({ tenant: run.tenant, report: run.scheduleId, run: run.id, state: o.state, attempts: o.attempts, reason: o.lastReason }, 'report run'),
  });
  scheduler.start();
  return scheduler;
}
