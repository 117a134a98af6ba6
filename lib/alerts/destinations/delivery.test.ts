import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DestinationCreateSchema } from '@/lib/contract/destinations';
import { alertStoreForTests, until } from '@/lib/testing/alert-store';
import { startSmtpReceiver } from '@/lib/testing/smtp-receiver';
import { startWebhookReceiver, type ReceiverPlan } from '@/lib/testing/webhook-receiver';
import { openAlertDelivery } from '../alert-delivery';
import { alertId } from '../incidents';
import { sweepResolutions } from './resolution-sweep';

/**
 * Alerts to e-mail, Slack and PagerDuty through the real outbox and the app-state database (PGlite),
 * delivered to local receivers: an HTTP server for Slack's and PagerDuty's JSON, an SMTP server
 * (smtp-server, parsed with mailparser) for the e-mail.
 */
const t = alertStoreForTests();
const cleanups = t.cleanups;

async function setup(plans: { slack?: ReceiverPlan; pagerduty?: ReceiverPlan; smtpReject?: (n: number) => number | undefined } = {}) {
  const slack = await startWebhookReceiver(plans.slack);
  const pagerduty = await startWebhookReceiver(plans.pagerduty);
  const smtp = await startSmtpReceiver({ reject: plans.smtpReject });
  const delivery = openAlertDelivery({
    store: t.db.alerts,
    destinations: t.db.destinations,
    outbound: { allowPrivate: true, timeoutMs: 2_000 },
    outbox: { baseDelayMs: 10, maxDelayMs: 40, pollMs: 5 },
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Pulseboard <alerts@pulse.test>' },
    pagerDutyUrl: pagerduty.url,
    publicUrl: 'https://pulse.example.com',
  });
  delivery.outbox.start();
  cleanups.push(async () => {
    await delivery.outbox.stop();
    await Promise.all([slack.close(), pagerduty.close(), smtp.close()]);
  });
  const { registry, announcer } = delivery.destinations!;
  const add = (input: z.input<typeof DestinationCreateSchema>, tenant = 'acme') => registry.create(tenant, DestinationCreateSchema.parse(input));
  return { slack, pagerduty, smtp, registry, announcer, outbox: delivery.outbox, add };
}

const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdef012345';
const W0 = Date.parse('2026-12-04T05:00:00Z');
const alert = (n: number, severity = 'critical', tenant = 'acme') => ({
  ts: W0 + (n + 1) * 300_000,
  tenant,
  rule: 'login_spike',
  severity,
  message: 'Failed logins from 203.0.113.7',
  window_start: W0 + n * 300_000,
  window_end: W0 + (n + 1) * 300_000,
  value: 42,
  threshold: 20,
});
const bodies = (r: { raw: { body: string }[] }) => r.raw.map((h) => JSON.parse(h.body) as Record<string, unknown>);
const allFinished = async (o: { list: (t: string) => Promise<{ state: string }[]> }) => (await o.list('acme')).every((d) => d.state !== 'pending');

describe('alert destinations', () => {
  it('delivers a critical alert to Slack, PagerDuty and e-mail in their formats, with the chart link', async () => {
    const h = await setup();
    await h.add({ kind: 'slack', name: 'On call', severities: ['critical'], url: h.slack.url, tz: 'Europe/Berlin' });
    await h.add({ kind: 'pagerduty', name: 'Primary', severities: ['warning', 'critical'], routingKey: ROUTING_KEY });
    await h.add({ kind: 'email', name: 'Ops', severities: ['critical'], recipients: ['ops@acme.test'] });
    await h.announcer.alert(alert(0));
    await until(() => h.slack.raw.length === 1 && h.pagerduty.raw.length === 1 && h.smtp.mails.length === 1);

    const [slack] = bodies(h.slack) as { text: string; blocks: { fields?: { text: string }[]; elements?: { url: string }[] }[] }[];
    expect(slack!.text).toMatch(/^Critical: login_spike — Failed logins from 203\.0\.113\.7 <https:\/\/pulse\.example\.com\/d\/security-logins\?.*\|Open the chart>$/);
    expect(slack!.blocks[1]!.fields!.map((f) => f.text)).toContain('*Value vs threshold*\n42 failed logins per window ≥ 20');
    expect(slack!.blocks[1]!.fields!.at(-1)!.text).toMatch(/06:00\s*–\s*06:05 CET/); // the destination's zone
    const chart = slack!.blocks[2]!.elements![0]!.url;
    expect(new URL(chart).searchParams.get('tz') ?? chart).toContain('Europe/Berlin');

    const [pd] = bodies(h.pagerduty);
    const incident = alertId({ rule: 'login_spike', windowStart: W0, message: 'Failed logins from 203.0.113.7' });
    expect(pd).toMatchObject({ routing_key: ROUTING_KEY, event_action: 'trigger', dedup_key: incident, payload: { severity: 'critical', source: 'pulseboard/acme', custom_details: { value: 42, threshold: 20 } } });
    expect((pd!.links as { href: string }[])[0]!.href).toMatch(/^https:\/\/pulse\.example\.com\/d\/security-logins\?/);

    const [mail] = h.smtp.mails;
    expect(mail!.subject).toBe('[Pulseboard] Critical: login_spike — Failed logins from 203.0.113.7');
    expect(mail!.envelopeTo).toEqual(['ops@acme.test']);
    expect(mail!.text).toMatch(/Open the chart: https:\/\/pulse\.example\.com\/d\/security-logins\?/);
    expect(mail!.html).toMatch(/<a href="https:\/\/pulse\.example\.com\/d\/security-logins\?[^"]*">Open the chart<\/a>/);
    await until(() => allFinished(h.outbox));
    expect((await h.outbox.list('acme')).map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('routes by severity: a warning reaches only the destinations that take warnings, and another tenant’s nothing', async () => {
    const h = await setup();
    await h.add({ kind: 'slack', name: 'Critical only', severities: ['critical'], url: h.slack.url });
    await h.add({ kind: 'pagerduty', name: 'Warnings', severities: ['warning'], routingKey: ROUTING_KEY });
    await h.add({ kind: 'email', name: 'Globex ops', severities: ['warning', 'critical'], recipients: ['ops@globex.test'] }, 'globex');
    await h.announcer.alert(alert(0, 'warning'));
    await until(() => h.pagerduty.raw.length === 1);
    await until(() => allFinished(h.outbox));
    await new Promise((r) => setTimeout(r, 50));
    expect(h.slack.raw).toEqual([]);
    expect(h.smtp.offered()).toBe(0);
    expect((await h.outbox.list('globex')).length).toBe(0);
  });

  it('triggers once per incident and resolves with the same dedup key when a person resolves it', async () => {
    const h = await setup();
    await h.add({ kind: 'pagerduty', name: 'Primary', severities: ['critical'], routingKey: ROUTING_KEY });
    await h.add({ kind: 'slack', name: 'On call', severities: ['critical'], url: h.slack.url });
    await h.announcer.alert(alert(0));
    await h.announcer.alert(alert(1)); // the next window of the same incident
    await h.announcer.alert(alert(0)); // read again after a crash
    await until(() => h.pagerduty.raw.length === 1 && h.slack.raw.length === 1);
    const incident = alertId({ rule: 'login_spike', windowStart: W0, message: 'Failed logins from 203.0.113.7' });
    await h.announcer.resolved('acme', incident, 'ada@acme.test');
    await h.announcer.resolved('acme', incident, 'ada@acme.test'); // twice: announced once
    await until(() => h.pagerduty.raw.length === 2 && h.slack.raw.length === 2);
    await until(() => allFinished(h.outbox));
    await new Promise((r) => setTimeout(r, 50));
    expect(bodies(h.pagerduty).map((b) => [b.event_action, b.dedup_key])).toEqual([
      ['trigger', incident],
      ['resolve', incident],
    ]);
    expect(bodies(h.pagerduty)[1]).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: incident });
    expect(JSON.stringify(bodies(h.slack)[1])).toContain('Resolved by ada@acme.test');
    // A window after the resolution starts a new incident, with a new key.
    await h.announcer.alert(alert(5));
    await until(() => h.pagerduty.raw.length === 3);
    expect(bodies(h.pagerduty)[2]).toMatchObject({ event_action: 'trigger', dedup_key: alertId({ rule: 'login_spike', windowStart: W0 + 5 * 300_000, message: 'Failed logins from 203.0.113.7' }) });
  });

  it('resolves automatically once the rule’s data is complete past a quiet window, and after a person resolved it in the inbox', async () => {
    const h = await setup();
    await h.add({ kind: 'pagerduty', name: 'Primary', severities: ['critical'], routingKey: ROUTING_KEY });
    await h.announcer.alert(alert(0));
    await h.announcer.alert({ ...alert(0), rule: 'consumer_lag_rising', message: 'group billing' });
    await until(() => h.pagerduty.raw.length === 2);
    const people = new Map<string, Map<string, string>>();
    const sweep = (clock: number) => sweepResolutions({ store: t.db.destinations, announcer: h.announcer, clock: async () => clock, resolvedByPeople: async (t) => people.get(t) ?? new Map() });
    const end = W0 + 300_000;
    expect(await sweep(end + 300_000)).toBe(0); // within the next window and the lateness: still open
    const lag = alertId({ rule: 'consumer_lag_rising', windowStart: W0, message: 'group billing' });
    people.set('acme', new Map([[lag, 'bob@acme.test']]));
    expect(await sweep(end + 300_000)).toBe(1); // the one a person resolved
    expect(await sweep(end + 300_000 + 60_001)).toBe(1); // the quiet one
    expect(await sweep(end + 10 * 300_000)).toBe(0); // each announced once
    await until(() => h.pagerduty.raw.length === 4);
    const events = bodies(h.pagerduty).map((b) => `${b.event_action as string}:${b.dedup_key as string}`);
    const spike = alertId({ rule: 'login_spike', windowStart: W0, message: 'Failed logins from 203.0.113.7' });
    expect(events.sort()).toEqual([`resolve:${lag}`, `resolve:${spike}`, `trigger:${lag}`, `trigger:${spike}`].sort());
    // A tenant whose clock cannot be read is told and skipped; the others are swept.
    await h.announcer.alert(alert(20));
    await h.add({ kind: 'pagerduty', name: 'Globex', severities: ['critical'], routingKey: ROUTING_KEY }, 'globex');
    await h.announcer.alert(alert(20, 'critical', 'globex'));
    const failed: string[] = [];
    const clock = async (_: string, tenant: string) => (tenant === 'acme' ? Promise.reject(new Error('engine away')) : W0 + 100 * 300_000);
    expect(await sweepResolutions({ store: t.db.destinations, announcer: h.announcer, clock, resolvedByPeople: async () => new Map(), onError: (tenant) => failed.push(tenant) })).toBe(1);
    expect(failed).toEqual(['acme']);
    await until(() => h.pagerduty.raw.length === 7);
  });

  it('announces an alert whose words hold a NUL (which the database cannot store) instead of failing on it', async () => {
    const h = await setup();
    await h.add({ kind: 'pagerduty', name: 'Primary', severities: ['critical'], routingKey: ROUTING_KEY });
    await h.announcer.alert({ ...alert(0), message: 'bad\u0000byte' });
    await until(() => h.pagerduty.raw.length === 1);
    expect((bodies(h.pagerduty)[0]!.payload as { custom_details: { message: string } }).custom_details.message).toBe('bad\uFFFDbyte');
  });

  it('retries a receiver that fails, then delivers once', async () => {
    const h = await setup({ slack: (n) => ({ status: n < 3 ? 503 : 200 }), smtpReject: (n) => (n === 1 ? 451 : undefined) });
    const slack = await h.add({ kind: 'slack', name: 'On call', severities: ['critical'], url: h.slack.url });
    const email = await h.add({ kind: 'email', name: 'Ops', severities: ['critical'], recipients: ['ops@acme.test'] });
    await h.announcer.alert(alert(0));
    await until(() => allFinished(h.outbox));
    await new Promise((r) => setTimeout(r, 50));
    expect(h.slack.raw).toHaveLength(3);
    expect(h.smtp.offered()).toBe(2);
    expect(h.smtp.mails).toHaveLength(1);
    expect((await h.outbox.list('acme', 10, slack.id))[0]).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200 });
    expect((await h.outbox.list('acme', 10, email.id))[0]).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('holds a resolve back until its trigger, retried, is delivered: the receiver sees trigger then resolve, each once', async () => {
    let failedTriggers = 0;
    // PagerDuty refuses the first two triggers; anything else is accepted at once.
    const refuseTwoTriggers: ReceiverPlan = (n) => {
      const action = (JSON.parse(h.pagerduty.raw[n - 1]!.body) as { event_action: string }).event_action;
      return { status: action === 'trigger' && failedTriggers++ < 2 ? 503 : 202 };
    };
    const h = await setup({ pagerduty: refuseTwoTriggers });
    await h.add({ kind: 'pagerduty', name: 'Primary', severities: ['critical'], routingKey: ROUTING_KEY });
    await h.announcer.alert(alert(0));
    const incident = alertId({ rule: 'login_spike', windowStart: W0, message: 'Failed logins from 203.0.113.7' });
    await h.announcer.resolved('acme', incident, 'ada@acme.test'); // queued while the trigger waits to be retried
    await until(() => allFinished(h.outbox));
    await new Promise((r) => setTimeout(r, 50));
    expect(bodies(h.pagerduty).map((b) => b.event_action)).toEqual(['trigger', 'trigger', 'trigger', 'resolve']);
    expect((await h.outbox.list('acme')).map((d) => [d.state, d.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 3],
    ]);
  });

  it('dead-letters what is pending for a removed destination', async () => {
    const h = await setup({ slack: () => ({ status: 503 }) });
    const d = await h.add({ kind: 'slack', name: 'On call', severities: ['critical'], url: h.slack.url });
    await h.announcer.alert(alert(0));
    await until(() => h.slack.raw.length >= 1);
    await h.registry.remove('acme', d.id);
    await until(() => allFinished(h.outbox));
    expect((await h.outbox.list('acme'))[0]).toMatchObject({ state: 'dead', lastReason: 'no_destination' });
  });

  it('sends a test message through the outbox, listed under its destination', async () => {
    const h = await setup();
    const d = await h.add({ kind: 'slack', name: 'On call', severities: ['warning'], url: h.slack.url });
    const [id] = await h.announcer.test(d);
    await until(() => h.slack.raw.length === 1);
    expect(bodies(h.slack)[0]!.text).toMatch(/^Test from Pulseboard \(acme\)/);
    await until(async () => (await h.outbox.list('acme', 10, d.id))[0]?.state === 'delivered');
    expect((await h.outbox.list('acme', 10, d.id)).map((x) => x.id)).toEqual([id]);
    expect(await h.outbox.list('acme', 10, 'webhook')).toEqual([]);
    expect((await h.outbox.latestPerDestination('acme')).get(d.id)).toMatchObject({ id, state: 'delivered' });
  });
});
