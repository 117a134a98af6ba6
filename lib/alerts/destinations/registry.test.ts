import { describe, expect, it } from 'vitest';
import type { DestinationCreate } from '@/lib/contract/destinations';
import { isAppError } from '@/lib/errors/app-error';
import { createOutboundClient } from '@/lib/outbound/client';
import { alertStoreForTests } from '@/lib/testing/alert-store';
import { destinationView, DestinationRegistry, MAX_DESTINATIONS_PER_TENANT } from './registry';

const t = alertStoreForTests();

/** Public names resolve to a documentation-free public address; `internal.example` to a private one. */
const resolver = async (name: string) => [{ address: name.startsWith('internal.') ? '10.0.0.7' : '93.184.216.34', family: 4 }];
const registry = (opts: { emailConfigured?: boolean; allowPrivate?: boolean } = {}) =>
  new DestinationRegistry(t.db.destinations, createOutboundClient({ resolver, allowPrivate: opts.allowPrivate }), { emailConfigured: opts.emailConfigured ?? true, allowPrivate: opts.allowPrivate ?? false });

const SLACK = 'https://hooks.slack.com/services/T0001/B0002/secretpart';
const slack = (url = SLACK): DestinationCreate => ({ kind: 'slack', name: 'On call', severities: ['critical'], tz: 'UTC', url });
const pd: DestinationCreate = { kind: 'pagerduty', name: 'Primary', severities: ['warning', 'critical'], tz: 'UTC', routingKey: 'R0UT1NGKEY0123456789abcdef0123wxyz' };

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(err)) throw new Error(`expected a refusal, got ${String(err)}`);
  return { code: err.code, path: err.path, message: err.message };
}

describe('DestinationRegistry', () => {
  it('never shows a secret whole: the Slack URL’s host and first segment, the routing key’s last four', async () => {
    const r = registry();
    const s = destinationView(await r.create('acme', slack()), undefined);
    const p = destinationView(await r.create('acme', pd), undefined);
    expect(s.target).toBe('https://hooks.slack.com/services/…');
    expect(p.target).toBe('routing key …wxyz');
    expect(JSON.stringify([s, p])).not.toMatch(/secretpart|R0UT1NGKEY/);
  });

  it('keeps the Slack URL and the routing key sealed in the database: the raw rows hold neither, and they read back whole', async () => {
    const r = registry();
    const s = await r.create('acme', slack());
    const p = await r.create('acme', pd);
    const raw = await t.db.store.db.query<Record<string, unknown>>('select * from alert_destinations where tenant_id = $1', ['acme']);
    expect(raw).toHaveLength(2);
    expect(JSON.stringify(raw)).not.toMatch(/secretpart|hooks\.slack\.com|R0UT1NGKEY|wxyz/);
    expect((await t.db.destinations.getDestination('acme', s.id))?.target).toEqual({ kind: 'slack', url: SLACK });
    expect((await t.db.destinations.getDestination('acme', p.id))?.target).toEqual({ kind: 'pagerduty', routingKey: 'R0UT1NGKEY0123456789abcdef0123wxyz' });
  });

  it('refuses a Slack URL that is not https, or at a private address, naming the field', async () => {
    const r = registry();
    expect(await refusal(r.create('acme', slack('http://hooks.slack.com/services/x')))).toMatchObject({ code: 'invalid_input', path: 'url' });
    expect(await refusal(r.create('acme', slack('https://internal.example/hook')))).toMatchObject({ code: 'invalid_input', path: 'url', message: 'The Slack URL must be at a public address.' });
    expect(await refusal(r.create('acme', slack('https://127.0.0.1/hook')))).toMatchObject({ path: 'url' });
    expect(await r.list('acme')).toEqual([]);
  });

  it('refuses e-mail when the server has no SMTP settings', async () => {
    const email: DestinationCreate = { kind: 'email', name: 'Ops', severities: ['critical'], tz: 'UTC', recipients: ['ops@acme.test'] };
    expect(await refusal(registry({ emailConfigured: false }).create('acme', email))).toMatchObject({ code: 'invalid_input', path: 'kind' });
  });

  it('keeps a secret left out of a change, and refuses a change of kind', async () => {
    const r = registry();
    const d = await r.create('acme', pd);
    const changed = await r.update('acme', d.id, { kind: 'pagerduty', name: 'Renamed', severities: ['critical'], tz: 'Europe/Berlin' });
    expect(changed).toMatchObject({ name: 'Renamed', severities: ['critical'], tz: 'Europe/Berlin', target: { kind: 'pagerduty', routingKey: 'R0UT1NGKEY0123456789abcdef0123wxyz' } });
    expect(await refusal(r.update('acme', d.id, { kind: 'slack', name: 'x', severities: ['critical'], tz: 'UTC' }))).toMatchObject({ path: 'kind' });
  });

  it('keeps each tenant to its own: another tenant’s id is not found for reading, changing, removing', async () => {
    const r = registry();
    const d = await r.create('acme', slack());
    expect(await r.list('globex')).toEqual([]);
    expect(await refusal(r.get('globex', d.id))).toMatchObject({ code: 'not_found', path: 'id' });
    expect(await refusal(r.update('globex', d.id, { kind: 'slack', name: 'stolen', severities: ['info'], tz: 'UTC' }))).toMatchObject({ code: 'not_found' });
    expect(await refusal(r.remove('globex', d.id))).toMatchObject({ code: 'not_found' });
    // Even straight at the store, an upsert under another tenant changes nothing.
    await t.db.destinations.putDestination({ ...d, tenant: 'globex', name: 'stolen' });
    expect((await r.get('acme', d.id)).name).toBe('On call');
    expect(await r.list('globex')).toEqual([]);
  });

  it('bounds the destinations per tenant', async () => {
    const r = registry();
    for (let i = 0; i < MAX_DESTINATIONS_PER_TENANT; i++) await r.create('acme', pd);
    expect(await refusal(r.create('acme', pd))).toMatchObject({ code: 'conflict' });
    expect((await r.create('globex', pd)).tenant).toBe('globex');
  });
});
