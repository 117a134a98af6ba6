import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_TENANT_DASHBOARDS } from '@/lib/api/tenant-dashboards';
import { dashboardDocument } from '@/lib/dashboards/registry';
import { getRuntime } from '@/lib/runtime/runtime';
import { adminApi, api, cookieFor, workspaceApi as ws, workspaceCookies } from '@/lib/testing/api-client';

process.env.PULSE_LIVE = 'off';

let acme: string; // demo@acme.test, admin of acme
let ops: string; // ops@acme.test, viewer of acme
let editor: string; // editor@acme.test, editor of acme
let globex: string; // demo@globex.test, admin of globex

beforeAll(async () => {
  ({ acme, ops, editor, globex } = await workspaceCookies('editor@acme.test'));
});

const VIEW = { range: { last: 'P7D' }, tz: 'Europe/Berlin', filters: [{ dim: 'cluster', op: 'in', values: ['eu-1'] }] };
const names = (r: { body: { views: { name: string }[] } }) => r.body.views.map((v) => v.name);

describe('saved views', () => {
  it('saves a private view its owner alone sees, and shares it with the tenant only', async () => {
    const saved = await ws.saveView({ dashboard: 'cluster-overview', name: '  EU week ', view: VIEW }, acme);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: expect.stringMatching(/^[a-z0-9]{20}$/), name: 'EU week', shared: false, mine: true, isDefault: false, owner: 'demo@acme.test' });
    expect(saved.body.view).toMatchObject({ range: { last: 'P7D' }, tz: 'Europe/Berlin', grain: 'auto', filters: VIEW.filters });
    expect(names(await ws.views('cluster-overview', acme))).toContain('EU week');
    expect(names(await ws.views('cluster-overview', ops))).not.toContain('EU week');

    const shared = await ws.changeView(saved.body.id, { shared: true }, acme);
    expect(shared.body).toMatchObject({ shared: true, name: 'EU week' });
    const seen = (await ws.views('cluster-overview', ops)).body.views.find((v: { id: string }) => v.id === saved.body.id);
    expect(seen).toMatchObject({ name: 'EU week', mine: false, owner: 'demo@acme.test' });
    expect(names(await ws.views('cluster-overview', globex))).not.toContain('EU week');
  });

  it('lets only the owner rename, update, unshare or delete; anyone who sees it may make it their default', async () => {
    const { id } = (await ws.saveView({ dashboard: 'cluster-overview', name: 'Team view', view: VIEW, shared: true }, acme)).body;
    expect((await ws.changeView(id, { name: 'Mine now' }, ops)).body.error).toMatchObject({ code: 'forbidden' });
    expect((await ws.deleteView(id, ops)).status).toBe(403);
    const asDefault = await ws.changeView(id, { default: true }, ops);
    expect(asDefault.body).toMatchObject({ isDefault: true, name: 'Team view' });
    expect((await ws.views('cluster-overview', acme)).body.views.find((v: { id: string }) => v.id === id).isDefault).toBe(false);

    const renamed = await ws.changeView(id, { name: 'Team view (EU)', view: { ...VIEW, range: { last: 'P1D' } } }, acme);
    expect(renamed.body).toMatchObject({ name: 'Team view (EU)', view: { range: { last: 'P1D' } } });
    // Unsharing takes it away from the others, their default included.
    await ws.changeView(id, { shared: false }, acme);
    expect((await ws.changeView(id, { default: true }, ops)).status).toBe(404);
    expect((await ws.views('cluster-overview', ops)).body.views.some((v: { isDefault: boolean }) => v.isDefault)).toBe(false);
    expect((await ws.deleteView(id, acme)).body).toEqual({ deleted: true });
    expect((await ws.deleteView(id, acme)).status).toBe(404);
  });

  it('leaves out a view stored before a schema change instead of failing the list; changing it asks to save it again', async () => {
    const kept = (await ws.saveView({ dashboard: 'topics-clients', name: 'Kept', view: VIEW }, acme)).body.id;
    const old = (await ws.saveView({ dashboard: 'topics-clients', name: 'Old', view: VIEW }, acme)).body.id;
    const rt = await getRuntime();
    await rt.store.transaction(({ tx }) => tx.query(`update saved_views set view = '{"range":{"last":"P2Y"},"colour":"red"}' where id = $1`, [old]));
    const list = await ws.views('topics-clients', acme);
    expect(list.status).toBe(200);
    expect(list.body.views.map((v: { id: string }) => v.id)).toEqual(expect.arrayContaining([kept]));
    expect(list.body.views.map((v: { id: string }) => v.id)).not.toContain(old);
    expect((await ws.changeView(old, { name: 'Renamed' }, acme)).body.error).toMatchObject({ code: 'conflict', path: 'view' });
    expect((await ws.changeView(old, { view: VIEW }, acme)).body).toMatchObject({ name: 'Old', view: { range: { last: 'P7D' } } });
  });

  it('keeps one default per user and dashboard', async () => {
    const a = (await ws.saveView({ dashboard: 'security-logins', name: 'A', view: { range: { last: 'P1D' } } }, acme)).body.id;
    const b = (await ws.saveView({ dashboard: 'security-logins', name: 'B', view: { range: { last: 'PT1H' } } }, acme)).body.id;
    await ws.changeView(a, { default: true }, acme);
    await ws.changeView(b, { default: true }, acme);
    const listed = (await ws.views('security-logins', acme)).body.views.map((v: { name: string; isDefault: boolean }) => `${v.name}:${v.isDefault}`);
    expect(listed).toEqual(['A:false', 'B:true']);
    await ws.changeView(b, { default: false }, acme);
    expect((await ws.views('security-logins', acme)).body.views.every((v: { isDefault: boolean }) => !v.isDefault)).toBe(true);
  });

  it('lets a viewer keep private views but not share them', async () => {
    const own = await ws.saveView({ dashboard: 'cluster-overview', name: 'My own', view: VIEW }, ops);
    expect(own.body).toMatchObject({ mine: true, shared: false });
    expect((await ws.saveView({ dashboard: 'cluster-overview', name: 'For all', view: VIEW, shared: true }, ops)).body.error).toMatchObject({ code: 'forbidden' });
    expect((await ws.changeView(own.body.id, { shared: true }, ops)).status).toBe(403);
    expect((await ws.saveView({ dashboard: 'cluster-overview', name: 'For all', view: VIEW, shared: true }, editor)).status).toBe(200);
  });

  it("treats another tenant's views as unknown, by id guessing too", async () => {
    const { id } = (await ws.saveView({ dashboard: 'cluster-overview', name: 'Acme shared', view: VIEW, shared: true }, acme)).body;
    expect((await ws.changeView(id, { name: 'pwned' }, globex)).status).toBe(404);
    expect((await ws.changeView(id, { default: true }, globex)).status).toBe(404);
    expect((await ws.deleteView(id, globex)).status).toBe(404);
    expect((await ws.changeView('aaaaaaaaaaaaaaaaaaaa', { name: 'x' }, acme)).status).toBe(404);
    expect((await ws.deleteView('%E0%A4%A', acme)).status).toBe(404);
    expect(names(await ws.views('cluster-overview', acme))).toContain('Acme shared');
  });

  it('refuses bad input with a 4xx naming the path, checked against the dashboard as queries are', async () => {
    const bad = async (body: object) => (await ws.saveView({ dashboard: 'cluster-overview', name: 'x', view: VIEW, ...body }, acme)).body.error;
    expect(await bad({ name: '   ' })).toMatchObject({ code: 'invalid_input', path: 'name' });
    expect(await bad({ name: 'a\u0000b' })).toMatchObject({ code: 'invalid_input', path: 'name' });
    expect(await bad({ view: { ...VIEW, filters: [{ dim: 'country', op: 'in', values: ['DE'] }] } })).toMatchObject({ code: 'invalid_input', path: 'view.filters.0.dim' });
    expect(await bad({ view: { range: { last: 'P1Y' } } })).toMatchObject({ code: 'invalid_input', path: 'view.range' });
    expect(await bad({ view: { range: { start: '2026-01-02T00:00:00Z', end: '2026-01-01T00:00:00Z' } } })).toMatchObject({ code: 'invalid_input', path: 'view.range.end' });
    expect(await bad({ extra: 1 })).toMatchObject({ code: 'invalid_input', path: 'extra' });
    expect(await bad({ dashboard: 'no-such-dashboard' })).toMatchObject({ code: 'not_found' });
    expect((await ws.views('no-such-dashboard', acme)).status).toBe(404);
    expect((await ws.changeView('whatever', {}, acme)).body.error).toMatchObject({ code: 'invalid_input' });
  });

  it('is 401 without a session', async () => {
    for (const r of [await ws.views('cluster-overview'), await ws.saveView({ dashboard: 'cluster-overview', name: 'x', view: VIEW }), await ws.changeView('x', { name: 'y' }), await ws.deleteView('x')]) {
      expect([r.status, r.body.error.code]).toEqual([401, 'unauthenticated']);
    }
  });
});

/** A dashboard built from nothing: three panels over the cluster metrics. */
const BUILT = {
  title: 'Our throughput',
  description: 'Built in the app',
  datasource: 'cluster_metrics',
  dimensions: [
    { id: 'cluster', label: 'Cluster' },
    { id: 'topic', label: 'Topic' },
  ],
  measures: [
    { id: 'events', label: 'Events', format: 'count', type: 'count' },
    { id: 'bytes_in', label: 'Bytes in', format: 'bytes', type: 'sum', field: 'bytes_in' },
  ],
  maxSpanDays: 30,
  defaultView: { range: { last: 'P1D' } },
  panels: [
    { id: 'p1', title: 'Events', type: 'timeseries', measure: 'events', split: 'cluster' },
    { id: 'p2', title: 'Top topics', type: 'topn', dimension: 'topic', measure: 'bytes_in' },
    { id: 'p3', title: 'At a glance', type: 'kpi', measures: ['events', 'bytes_in'], span: 4 },
  ],
};
const HOUR = { range: { last: 'PT1H' } };

describe("tenants' own dashboards", () => {
  it('keeps at most MAX_TENANT_DASHBOARDS per tenant, however many are created at once', async () => {
    const rt = await getRuntime();
    const initech = await cookieFor('demo@initech.test');
    const have = (await rt.store.tenantDashboards.list('initech')).length;
    for (let i = have; i < MAX_TENANT_DASHBOARDS - 2; i++) expect((await ws.createDashboard(BUILT, initech)).status).toBe(200);
    const burst = await Promise.all(Array.from({ length: 5 }, () => ws.createDashboard(BUILT, initech)));
    expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 409, 409, 409]);
    expect(await rt.store.tenantDashboards.list('initech')).toHaveLength(MAX_TENANT_DASHBOARDS);
  }, 60_000);

  it('are built by editors, listed and answered for their tenant only', async () => {
    const created = await ws.createDashboard({ ...BUILT, id: 'cluster-overview' }, editor);
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: expect.stringMatching(/^my-[a-z0-9]{10}$/), revision: 1 });
    const { id } = created.body;
    expect((await api.dashboards(acme)).body.dashboards).toContainEqual({ id, title: 'Our throughput', description: 'Built in the app', custom: true });
    expect((await api.dashboards(acme)).body.dashboards).toContainEqual(expect.objectContaining({ id: 'cluster-overview', custom: false }));
    expect((await api.dashboards(globex)).body.dashboards.map((d: { id: string }) => d.id)).not.toContain(id);
    expect((await api.dashboard(id, ops)).body.dashboard).toMatchObject({ id, title: 'Our throughput', panels: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }] });
    expect((await api.dashboard(id, globex)).status).toBe(404);

    const answer = await api.query({ dashboard: id, panel: 'p2', view: HOUR }, ops);
    expect(answer.status).toBe(200);
    expect(answer.body.columns.map((c: { name: string }) => c.name)).toEqual(['topic', 'bytes_in']);
    expect(answer.body.rows.length).toBeGreaterThan(0);
    expect((await api.query({ dashboard: id, panel: 'p2', view: HOUR }, globex)).status).toBe(404);
    expect((await api.values({ dashboard: id, dim: 'topic', view: HOUR }, globex)).status).toBe(404);
    expect((await api.values({ dashboard: id, dim: 'topic', view: HOUR }, acme)).body.values.length).toBeGreaterThan(0);
    expect((await ws.saveView({ dashboard: id, name: 'On mine', view: HOUR }, globex)).status).toBe(404);
  });

  it('answer an edited dashboard from its new definition at once, never the old answer', async () => {
    const { id } = (await ws.createDashboard(BUILT, acme)).body;
    const before = await api.query({ dashboard: id, panel: 'p1', view: HOUR }, acme);
    expect(before.body.columns.map((c: { name: string }) => c.name)).toEqual(['t', 'cluster', 'events']);
    expect((await api.query({ dashboard: id, panel: 'p1', view: HOUR }, acme)).body.meta.cache).toBe('hit');
    const panels = [{ ...BUILT.panels[0], measure: 'bytes_in' }, ...BUILT.panels.slice(1)];
    expect((await ws.replaceDashboard(id, { ...BUILT, title: 'Renamed', panels }, acme)).body).toEqual({ id, revision: 2 });
    const after = await api.query({ dashboard: id, panel: 'p1', view: HOUR }, acme);
    expect(after.body.columns.map((c: { name: string }) => c.name)).toEqual(['t', 'cluster', 'bytes_in']);
    expect(after.body.meta.cache).toBe('miss');
    expect((await api.dashboard(id, acme)).body.dashboard.title).toBe('Renamed');
  });

  it('refuse a save over a revision someone else changed (If-Match, 412), and of two saves over one revision take exactly one', async () => {
    const { id } = (await ws.createDashboard(BUILT, acme)).body;
    expect((await api.dashboard(id, ops)).headers.get('etag')).toBe('"1"');
    const mine = await ws.replaceDashboard(id, { ...BUILT, title: 'Mine' }, acme, '"1"');
    expect(mine.body).toEqual({ id, revision: 2 });
    const stale = await ws.replaceDashboard(id, { ...BUILT, title: 'Theirs' }, editor, '"1"');
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({ code: 'precondition_failed', path: 'If-Match', message: expect.stringContaining('revision 2') });
    expect((await api.dashboard(id, acme)).body.dashboard.title).toBe('Mine');

    const race = await Promise.all(['A', 'B', 'C'].map((t) => ws.replaceDashboard(id, { ...BUILT, title: t }, editor, '"2"')));
    expect(race.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    expect((await api.dashboard(id, acme)).headers.get('etag')).toBe('"3"');
    // Unguarded (no header, or *) still replaces whatever is there; a malformed tag is a 400, never an unguarded save.
    expect((await ws.replaceDashboard(id, BUILT, acme, '*')).body.revision).toBe(4);
    expect((await ws.replaceDashboard(id, BUILT, acme, 'W/"4"')).body.error).toMatchObject({ code: 'invalid_input', path: 'If-Match' });
    // Another tenant guessing a revision learns nothing: 404 as without the header.
    expect((await ws.replaceDashboard(id, BUILT, globex, '"1"')).status).toBe(404);
    expect((await api.dashboard('cluster-overview', acme)).headers.get('etag')).toBeNull();
  });

  it('start as a copy of a configured dashboard', async () => {
    const { id } = (await ws.createDashboard({ ...dashboardDocument('security-logins')!, title: 'Logins (our copy)' }, acme)).body;
    const r = await api.query({ dashboard: id, panel: dashboardDocument('security-logins')!.panels[0]!.id, view: HOUR }, acme);
    expect(r.status).toBe(200);
    expect((await api.dashboard(id, acme)).body.dashboard.title).toBe('Logins (our copy)');
  });

  it('cannot be changed by viewers (403) nor seen or changed by another tenant (404), by id guessing too', async () => {
    const { id } = (await ws.createDashboard(BUILT, acme)).body;
    expect((await ws.createDashboard(BUILT, ops)).body.error).toMatchObject({ code: 'forbidden' });
    expect((await ws.replaceDashboard(id, BUILT, ops)).status).toBe(403);
    expect((await ws.deleteDashboard(id, ops)).status).toBe(403);
    expect((await ws.replaceDashboard(id, { ...BUILT, title: 'pwned' }, globex)).status).toBe(404);
    expect((await ws.deleteDashboard(id, globex)).status).toBe(404);
    expect((await ws.replaceDashboard('my-aaaaaaaaaa', BUILT, acme)).status).toBe(404);
    expect((await ws.deleteDashboard('My Dashboard!', acme)).status).toBe(404);
    expect((await api.dashboard(id, acme)).body.dashboard.title).toBe('Our throughput');
    // Configured dashboards are the provider's: duplicated, never changed in place.
    expect((await ws.replaceDashboard('cluster-overview', BUILT, acme)).body.error).toMatchObject({ code: 'forbidden', path: 'id' });
    expect((await ws.deleteDashboard('cluster-overview', acme)).status).toBe(403);
    for (const r of [await ws.createDashboard(BUILT), await ws.replaceDashboard(id, BUILT), await ws.deleteDashboard(id)]) expect(r.status).toBe(401);
  });

  it("name only their datasource's declared dimensions and measures, with a 4xx at the path", async () => {
    const bad = async (doc: object) => (await ws.createDashboard({ ...BUILT, ...doc }, acme)).body.error;
    expect(await bad({ panels: [{ id: 'p1', title: 'x', type: 'timeseries', measure: 'nope' }] })).toMatchObject({ code: 'invalid_input', path: 'panels.0' });
    expect(await bad({ panels: [{ id: 'p1', title: 'x', type: 'sql', query: 'select 1' }] })).toMatchObject({ code: 'invalid_input', path: 'panels.0.type' });
    expect(await bad({ measures: [{ id: 'events', label: 'E', format: 'count', type: 'sum', field: 'password' }, BUILT.measures[1]] })).toMatchObject({ code: 'invalid_input', path: 'measures.0.field' });
    expect(await bad({ measures: [{ id: 'events', label: 'E', format: 'count', type: 'sum', field: 'bytes_in); drop table x; --' }, BUILT.measures[1]] })).toMatchObject({ code: 'invalid_input', path: 'measures.0.field' });
    expect(await bad({ dimensions: [{ id: 'country', label: 'Country' }, ...BUILT.dimensions] })).toMatchObject({ code: 'invalid_input', path: 'dimensions.0.id' });
    expect(await bad({ datasource: 'nope' })).toMatchObject({ code: 'invalid_input', path: 'datasource' });
    expect(await bad({ panels: [] })).toMatchObject({ code: 'invalid_input', path: 'panels' });
    expect(await bad({ maxSpanDays: 10_000 })).toMatchObject({ code: 'invalid_input', path: 'maxSpanDays' });
    const { id } = (await ws.createDashboard(BUILT, acme)).body;
    expect((await ws.replaceDashboard(id, { ...BUILT, id: 'other' }, acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'id' });
  });

  it('are deleted with their saved views, and every change is in the audit log', async () => {
    const { id } = (await ws.createDashboard(BUILT, editor)).body;
    await ws.replaceDashboard(id, { ...BUILT, title: 'Second' }, editor);
    const view = (await ws.saveView({ dashboard: id, name: 'Hour', view: HOUR, shared: true }, editor)).body;
    expect((await ws.deleteDashboard(id, editor)).body).toEqual({ deleted: true });
    expect((await api.dashboard(id, acme)).status).toBe(404);
    expect((await api.query({ dashboard: id, panel: 'p1', view: HOUR }, acme)).status).toBe(404);
    expect((await ws.changeView(view.id, { name: 'x' }, editor)).status).toBe(404);
    expect((await ws.deleteDashboard(id, editor)).status).toBe(404);

    const log = (await adminApi.audit('?limit=200', acme)).body.entries.filter((e: { target: string }) => e.target === id || e.target === view.id);
    expect(log.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`)).toEqual([
      'dashboard_deleted editor@acme.test',
      'view_saved editor@acme.test',
      'dashboard_changed editor@acme.test',
      'dashboard_created editor@acme.test',
    ]);
    const views = (await adminApi.audit('?limit=200', acme)).body.entries.map((e: { action: string }) => e.action);
    expect(views).toEqual(expect.arrayContaining(['view_saved', 'view_changed', 'view_deleted']));
    expect((await adminApi.audit('?limit=200', globex)).body.entries.filter((e: { action: string }) => e.action.startsWith('view_') || e.action.startsWith('dashboard_'))).toEqual([]);
  });
});
