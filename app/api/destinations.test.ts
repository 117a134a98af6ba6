import { beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '@/lib/runtime/runtime';
import { adminApi, cookieFor, destinationsApi as d } from '@/lib/testing/api-client';

process.env.PULSE_LIVE = 'off';

let acme: string; // demo@acme.test, admin of acme
let ops: string; // ops@acme.test, viewer of acme
let globex: string; // demo@globex.test, admin of globex

beforeAll(async () => {
  await getRuntime();
  [acme, ops, globex] = [await cookieFor('demo@acme.test'), await cookieFor('ops@acme.test'), await cookieFor('demo@globex.test')];
});

const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdef0123wxyz';
const pagerduty = { kind: 'pagerduty', name: 'Primary on-call', severities: ['critical'], routingKey: ROUTING_KEY };

describe('/api/destinations', () => {
  it('is 401 without a session and 403 for a viewer, on every endpoint', async () => {
    const calls = (c?: string) => [d.list(c), d.add(pagerduty, c), d.change('AAAAAAAAAAAAAAAA', pagerduty, c), d.remove('AAAAAAAAAAAAAAAA', c), d.test('AAAAAAAAAAAAAAAA', c)];
    for (const r of await Promise.all(calls())) expect([r.status, r.body.error.code]).toEqual([401, 'unauthenticated']);
    for (const r of await Promise.all(calls(ops))) expect([r.status, r.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('adds, lists masked, changes keeping the secret, and removes, each audited without the secret', async () => {
    const added = await d.add(pagerduty, acme);
    expect(added.status).toBe(200);
    const id = added.body.destination.id as string;
    expect(added.body.destination).toMatchObject({ kind: 'pagerduty', name: 'Primary on-call', severities: ['critical'], tz: 'UTC', target: 'routing key …wxyz', lastDelivery: null });
    const listed = await d.list(acme);
    expect(listed.body.destinations.map((x: { id: string }) => x.id)).toContain(id);
    expect(JSON.stringify(listed.body)).not.toContain(ROUTING_KEY);

    const changed = await d.change(id, { kind: 'pagerduty', name: 'Renamed', severities: ['warning', 'critical'], tz: 'Europe/Berlin' }, acme);
    expect(changed.body.destination).toMatchObject({ name: 'Renamed', severities: ['warning', 'critical'], tz: 'Europe/Berlin', target: 'routing key …wxyz' });
    expect((await d.remove(id, acme)).body).toEqual({ removed: true });
    expect((await d.remove(id, acme)).status).toBe(404);

    const audit = (await adminApi.audit('?limit=10', acme)).body.entries as { action: string; target: string; detail: object }[];
    expect(audit.filter((e) => e.target === id).map((e) => e.action)).toEqual(['destination_removed', 'destination_changed', 'destination_added']);
    expect(JSON.stringify(audit)).not.toContain(ROUTING_KEY);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ ...pagerduty, kind: 'fax' }, 'kind'],
      [{ ...pagerduty, routingKey: 'short' }, 'routingKey'],
      [{ ...pagerduty, severities: [] }, 'severities'],
      [{ ...pagerduty, severities: ['critical', 'critical'] }, 'severities'],
      [{ ...pagerduty, severities: ['urgent'] }, 'severities.0'],
      [{ ...pagerduty, name: ' ' }, 'name'],
      [{ ...pagerduty, tz: 'Mars/Olympus' }, 'tz'],
      [{ ...pagerduty, extra: 1 }, 'extra'],
      [{ kind: 'email', name: 'Ops', severities: ['critical'], recipients: ['not an address'] }, 'recipients.0'],
      [{ kind: 'email', name: 'Ops', severities: ['critical'], recipients: ['ops@acme.test'] }, 'kind'], // no SMTP configured in this test
      [{ kind: 'slack', name: 'x', severities: ['critical'], url: 'ftp://hooks.slack.com/x' }, 'url'],
      [{ kind: 'slack', name: 'x', severities: ['critical'], url: 'https://127.0.0.1/hook' }, 'url'],
      [{ kind: 'slack', name: 'x', severities: ['critical'], url: 'https://localhost/hook' }, 'url'],
    ];
    for (const [body, path] of cases) {
      const r = await d.add(body, acme);
      expect([r.status, r.body.error.code, r.body.error.path], JSON.stringify(body)).toEqual([400, 'invalid_input', path]);
    }
  });

  it('keeps another tenant out: it cannot read, change, remove or test the destination, nor see its deliveries', async () => {
    const id = (await d.add(pagerduty, acme)).body.destination.id as string;
    expect((await d.list(globex)).body.destinations.map((x: { id: string }) => x.id)).not.toContain(id);
    for (const r of [await d.change(id, { ...pagerduty, name: 'stolen' }, globex), await d.remove(id, globex), await d.test(id, globex)]) {
      expect([r.status, r.body.error.code, r.body.error.path]).toEqual([404, 'not_found', 'id']);
    }
    // Guessed ids are as unknown as foreign ones.
    for (const guess of ['AAAAAAAAAAAAAAAA', '../..', 'x'.repeat(300)]) expect((await d.test(guess, acme)).status).toBe(404);
    const sent = await d.test(id, acme);
    expect(sent.body.deliveries).toHaveLength(1);
    const mine = await d.deliveries(`?destination=${id}`, acme);
    expect(mine.body.deliveries.map((x: { id: string; destination: string }) => [x.id, x.destination])).toEqual([[sent.body.deliveries[0], id]]);
    expect((await d.deliveries(`?destination=${id}`, globex)).body.deliveries).toEqual([]);
    expect((await d.deliveries('?destination=../x', acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'destination' });
    expect((await d.list(acme)).body.destinations.find((x: { id: string }) => x.id === id).lastDelivery).toMatchObject({ state: expect.stringMatching(/pending|dead|delivered/) });
    expect((await d.change(id, { ...pagerduty, name: 'Still mine' }, acme)).body.destination.name).toBe('Still mine');
  });
});
