import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ANNOTATIONS_PER_TENANT } from '@/lib/contract/annotations';
import { getRuntime } from '@/lib/runtime/runtime';
import { adminApi, annotationsApi as notes, cookieFor, workspaceApi as ws } from '@/lib/testing/api-client';
import { decodeView } from '@/lib/view/codec';

process.env.PULSE_LIVE = 'off';

let acme: string; // demo@acme.test, admin of acme
let ops: string; // ops@acme.test, viewer of acme
let editor: string; // notes-editor@acme.test, editor of acme
let editor2: string; // other-editor@acme.test, editor of acme
let globex: string; // demo@globex.test, admin of globex

async function editorCookie(email: string): Promise<string> {
  const rt = await getRuntime();
  const user = await rt.store.users.ensure({ email, passwordHash: null });
  await rt.store.memberships.put('acme', user.id, 'editor');
  return `pb_session=${await rt.auth.issue({ email, tenant: 'acme', tenantName: 'Acme Corp', role: 'editor' })}`;
}

beforeAll(async () => {
  editor = await editorCookie('notes-editor@acme.test');
  editor2 = await editorCookie('other-editor@acme.test');
  [acme, ops, globex] = [await cookieFor('demo@acme.test'), await cookieFor('ops@acme.test'), await cookieFor('demo@globex.test')];
});

const AT = '2026-11-20T10:00:00.000Z';
const WEEK = { dashboard: 'cluster-overview', from: '2026-11-17T00:00:00Z', to: '2026-11-24T00:00:00Z' };
type Item = { kind: string; id: string; text: string; canDelete?: boolean; href: string };
const texts = (r: { body: { annotations: Item[] } }) => r.body.annotations.filter((a) => a.kind === 'note').map((a) => a.text);

describe('annotations', () => {
  it('are added by editors and shown on every dashboard over their datasource, in the interval only', async () => {
    const added = await notes.add({ datasource: 'cluster_metrics', start: '2026-11-20T11:00:00+01:00', text: '  Deployed broker 3.9 ' }, editor);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'note', id: expect.stringMatching(/^[0-9a-f-]{36}$/), start: AT, end: null, text: 'Deployed broker 3.9', author: 'notes-editor@acme.test', canDelete: true });

    const seen = await notes.list({ ...WEEK, tz: 'Europe/Berlin' }, editor);
    expect(seen.status).toBe(200);
    const item = seen.body.annotations.find((a: Item) => a.id === added.body.id);
    expect(item).toMatchObject({ kind: 'note', datasource: 'cluster_metrics', start: AT, canDelete: true });
    const [path, search] = item.href.split('?');
    expect(path).toBe('/d/cluster-overview');
    const view = decodeView(search);
    expect(view.ok && view.view).toMatchObject({ compare: 'P1W', tz: 'Europe/Berlin', range: { start: '2026-11-20T08:00:00.000Z', end: '2026-11-20T11:00:00.000Z' } });

    // Same datasource, another dashboard: there too. Another datasource, or outside the interval: not.
    expect(texts(await notes.list({ ...WEEK, dashboard: 'topics-clients' }, ops))).toContain('Deployed broker 3.9');
    expect(texts(await notes.list({ ...WEEK, dashboard: 'security-logins' }, acme))).not.toContain('Deployed broker 3.9');
    expect(texts(await notes.list({ ...WEEK, from: '2026-11-20T10:00:00.001Z' }, acme))).not.toContain('Deployed broker 3.9');
    // The viewer sees it but may not delete it; the admin may.
    expect((await notes.list(WEEK, ops)).body.annotations.find((a: Item) => a.id === added.body.id).canDelete).toBe(false);
    expect((await notes.list(WEEK, acme)).body.annotations.find((a: Item) => a.id === added.body.id).canDelete).toBe(true);
  });

  it('hold a range and a dimension value; the link narrows the view to that value', async () => {
    const r = await notes.add({ datasource: 'cluster_metrics', start: '2026-11-21T00:00:00Z', end: '2026-11-21T06:00:00Z', text: 'EU maintenance', dimension: 'cluster', value: 'eu-1' }, editor);
    expect(r.body).toMatchObject({ end: '2026-11-21T06:00:00.000Z', dimension: 'cluster', value: 'eu-1' });
    // A range that starts before the interval but reaches into it is shown.
    const item = (await notes.list({ ...WEEK, from: '2026-11-21T03:00:00Z' }, acme)).body.annotations.find((a: Item) => a.id === r.body.id);
    const view = decodeView(item.href.split('?')[1]);
    expect(view.ok && view.view.filters).toEqual([{ dim: 'cluster', op: 'in', values: ['eu-1'] }]);
  });

  it('cannot be added by viewers (403) nor without a session (401)', async () => {
    const body = { datasource: 'cluster_metrics', start: AT, text: 'x' };
    expect((await notes.add(body, ops)).body.error).toMatchObject({ code: 'forbidden' });
    for (const r of [await notes.add(body), await notes.list(WEEK), await notes.remove('00000000-0000-4000-8000-000000000000')]) {
      expect([r.status, r.body.error.code]).toEqual([401, 'unauthenticated']);
    }
  });

  it("are another tenant's to neither see nor delete, by id guessing too (404, never 403)", async () => {
    const { id } = (await notes.add({ datasource: 'cluster_metrics', start: AT, text: 'Acme only' }, acme)).body;
    expect(texts(await notes.list(WEEK, globex))).not.toContain('Acme only');
    expect(JSON.stringify((await notes.list(WEEK, globex)).body)).not.toContain(id);
    expect((await notes.remove(id, globex)).status).toBe(404);
    for (const guess of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '%E0%A4%A', "1' or '1'='1"]) expect((await notes.remove(guess, acme)).status, guess).toBe(404);
    // Another tenant's own dashboard cannot be named to read the notes of its datasource.
    const theirs = await ws.createDashboard({ title: 'Theirs', description: 'x', maxSpanDays: 30, datasource: 'cluster_metrics', dimensions: [{ id: 'cluster', label: 'Cluster' }], measures: [{ id: 'n', label: 'N', format: 'count', type: 'count' }], defaultView: { range: { last: 'P1D' } }, panels: [{ id: 'p', title: 'N', type: 'timeseries', measure: 'n' }] }, globex);
    expect(theirs.status).toBe(200);
    expect((await notes.list({ ...WEEK, dashboard: theirs.body.id }, acme)).status).toBe(404);
    expect(texts(await notes.list({ ...WEEK, dashboard: theirs.body.id }, globex))).not.toContain('Acme only');
    expect(texts(await notes.list(WEEK, acme))).toContain('Acme only');
  });

  it('are deleted by their author or an admin only, and every change is audited', async () => {
    const { id } = (await notes.add({ datasource: 'cluster_metrics', start: AT, text: 'To delete' }, editor)).body;
    expect((await notes.remove(id, editor2)).body.error).toMatchObject({ code: 'forbidden' });
    expect((await notes.remove(id, ops)).status).toBe(403);
    expect((await notes.remove(id, editor)).body).toEqual({ deleted: true });
    expect((await notes.remove(id, editor)).status).toBe(404);
    const other = (await notes.add({ datasource: 'cluster_metrics', start: AT, text: 'Admin removes' }, editor2)).body.id;
    expect((await notes.remove(other, acme)).status).toBe(200);
    expect(texts(await notes.list(WEEK, acme))).not.toContain('Admin removes');
    const log = (await adminApi.audit('?limit=200', acme)).body.entries.filter((e: { target: string }) => e.target === id || e.target === other);
    expect(log.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`).sort()).toEqual([
      'annotation_added:notes-editor@acme.test',
      'annotation_added:other-editor@acme.test',
      'annotation_deleted:demo@acme.test',
      'annotation_deleted:notes-editor@acme.test',
    ]);
    expect((await adminApi.audit('?limit=200', globex)).body.entries.some((e: { action: string }) => e.action.startsWith('annotation_'))).toBe(false);
  });

  it('refuses bad input with a 400 naming the path', async () => {
    const bad = async (body: object) => (await notes.add({ datasource: 'cluster_metrics', start: AT, text: 'ok', ...body }, editor)).body.error;
    expect(await bad({ text: '   ' })).toMatchObject({ code: 'invalid_input', path: 'text' });
    expect(await bad({ text: 'a\u0007b' })).toMatchObject({ code: 'invalid_input', path: 'text' });
    expect(await bad({ text: 'x'.repeat(501) })).toMatchObject({ code: 'invalid_input', path: 'text' });
    expect(await bad({ start: 'yesterday' })).toMatchObject({ code: 'invalid_input', path: 'start' });
    expect(await bad({ end: '2026-11-20T09:00:00Z' })).toMatchObject({ code: 'invalid_input', path: 'end' });
    expect(await bad({ end: '2027-01-20T09:00:00Z' })).toMatchObject({ code: 'invalid_input', path: 'end' });
    expect(await bad({ dimension: 'cluster' })).toMatchObject({ code: 'invalid_input', path: 'value' });
    expect(await bad({ dimension: 'country', value: 'DE' })).toMatchObject({ code: 'invalid_input', path: 'dimension' });
    expect(await bad({ dimension: 'cluster', value: 'x'.repeat(201) })).toMatchObject({ code: 'invalid_input', path: 'value' });
    expect(await bad({ datasource: 'no_such' })).toMatchObject({ code: 'invalid_input', path: 'datasource' });
    expect(await bad({ datasource: 'Robert"); drop table annotations' })).toMatchObject({ code: 'invalid_input', path: 'datasource' });
    expect(await bad({ tenant: 'globex' })).toMatchObject({ code: 'invalid_input', path: 'tenant' });
    const list = async (q: Record<string, string>) => (await notes.list(q, acme)).body.error;
    expect(await list({ ...WEEK, to: WEEK.from })).toMatchObject({ code: 'invalid_input', path: 'to' });
    expect(await list({ ...WEEK, from: '2020-01-01T00:00:00Z' })).toMatchObject({ code: 'invalid_input', path: 'to' });
    expect(await list({ ...WEEK, tz: 'Mars/Base' })).toMatchObject({ code: 'invalid_input', path: 'tz' });
    expect(await list({ dashboard: 'cluster-overview' })).toMatchObject({ code: 'invalid_input', path: 'from' });
    expect(await list({ ...WEEK, dashboard: 'no-such-dashboard' })).toMatchObject({ code: 'not_found' });
  });

  it(`keeps at most ${MAX_ANNOTATIONS_PER_TENANT} per tenant, however many are added at once`, async () => {
    const rt = await getRuntime();
    const have = await rt.store.annotations.count('initech');
    await rt.store.db.query(
      `insert into annotations (id, tenant_id, datasource, start_ms, text) select gen_random_uuid(), 'initech', 'cluster_metrics', g, 'filler' from generate_series(1, $1) g`,
      [MAX_ANNOTATIONS_PER_TENANT - have - 1],
    );
    const rt2 = await getRuntime();
    const user = await rt2.store.users.ensure({ email: 'editor@initech.test', passwordHash: null });
    await rt2.store.memberships.put('initech', user.id, 'editor');
    const initech = `pb_session=${await rt2.auth.issue({ email: 'editor@initech.test', tenant: 'initech', tenantName: 'Initech', role: 'editor' })}`;
    const results = await Promise.all([1, 2, 3].map((i) => notes.add({ datasource: 'cluster_metrics', start: AT, text: `race ${i}` }, initech)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.message).toMatch(/at most 10,000/);
    expect(await rt.store.annotations.count('initech')).toBe(MAX_ANNOTATIONS_PER_TENANT);
    // Other tenants are not held by it.
    expect((await notes.add({ datasource: 'cluster_metrics', start: AT, text: 'still fine' }, editor)).status).toBe(201);
  });

  it("list the tenant's own alerts on the datasource they concern, read-only, with their compare link", async () => {
    const now = Date.now();
    const q = { dashboard: 'security-logins', from: new Date(now - 3 * 86_400_000).toISOString(), to: new Date(now + 3_600_000).toISOString() };
    const alerts = (await notes.list(q, acme)).body.annotations.filter((a: Item) => a.kind === 'alert');
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0]).toMatchObject({ rule: 'login_spike', severity: 'critical', href: expect.stringMatching(/^\/d\/security-logins\?v=1&.*cmp=P1W/) });
    expect(alerts.some((a: { canDelete?: boolean }) => 'canDelete' in a)).toBe(false);
    // login_spike watches the logins: it is not an alert of the cluster metrics.
    const cluster = (await notes.list({ ...q, dashboard: 'cluster-overview' }, acme)).body.annotations;
    expect(cluster.some((a: Item & { rule?: string }) => a.rule === 'login_spike')).toBe(false);
    const theirs = (await notes.list(q, globex)).body.annotations.filter((a: Item) => a.kind === 'alert');
    expect(JSON.stringify(theirs)).not.toMatch(/acme/i);
  });
});
