/**
 * Tenant isolation under attack: forged, tampered, expired and alg-none tokens; other tenants'
 * values as filters and searches; attempts to collide cache keys; shared URLs opened by another
 * tenant. The count that matters: rows of another tenant seen, which must be zero.
 */
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDashboards } from '@/lib/dashboards/registry';
import { SAMPLE_TENANTS } from '@/lib/auth/tenants';
import { getRuntime } from '@/lib/runtime/runtime';
import { signRenderToken } from '@/lib/auth/render-token';
import { keyRing } from '@/lib/auth/keys';
import { dashboardDocument } from '@/lib/dashboards/registry';
import { alertsApi, annotationsApi, api, cookieFor, exportFile, queryWithBearer, reportsApi, workspaceApi } from '@/lib/testing/api-client';
import { readWorkbook } from '@/lib/testing/workbook';
import { readEvents } from '@/lib/testing/sse';
import * as streamRoute from '@/app/api/stream/route';
import { decodeView, encodeView } from '@/lib/view/codec';
import { ViewSchema } from '@/lib/view/schema';

process.env.PULSE_LIVE = 'off';
// E-mail configured (nothing is sent: nothing listens on port 9), so a report to another tenant's people is refused for that, not for want of SMTP.
process.env.PULSE_SMTP_HOST = '127.0.0.1';
process.env.PULSE_SMTP_PORT = '9';
const cookies: Record<string, string> = {};
let leaks = 0;
let checked = 0;

beforeAll(async () => {
  await getRuntime();
  for (const t of SAMPLE_TENANTS) cookies[t.id] = await cookieFor(`demo@${t.id}.test`);
});

/** Every value of another tenant, which must never appear in this tenant's answers. */
function foreignValues(tenant: string): string[] {
  return SAMPLE_TENANTS.filter((t) => t.id !== tenant).flatMap((t) => [
    ...t.clusters,
    ...t.streams.flatMap(([, broker, topic, client]) => [broker, topic, client]),
    ...t.users,
    ...t.sensors.map(([id]) => id),
  ]);
}

function countLeaks(tenant: string, answer: unknown): void {
  checked++;
  const text = JSON.stringify(answer);
  if (foreignValues(tenant).some((v) => text.includes(JSON.stringify(v)))) leaks++;
}

const anyPanel = { dashboard: 'topics-clients', panel: 'pairs', view: { range: { last: 'P7D' } } };

describe('token attacks', () => {
  it('rejects forged, tampered, expired and alg-none tokens', async () => {
    const [h, p, s] = cookies.acme!.slice('pb_session='.length).split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const user = { email: 'demo@acme.test', tenant: 'acme', tenantName: 'Acme', role: 'admin' as const };
    const expired = await (await getRuntime()).auth.issue(user, -10);
    const foreignKey = await new SignJWT({ tenant: 'globex' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('pulseboard').setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(32)));
    const attempts = [
      `${h}.${b64({ ...claims, tenant: 'globex' })}.${s}`,
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, tenant: 'globex' })}.`,
      `${b64({ alg: 'HS512', typ: 'JWT' })}.${p}.${s}`,
      `${h}.${p}.${s!.slice(0, -2)}AA`,
      `${h}.${b64({ ...claims, exp: 4_102_444_800 })}.${s}`,
      expired,
      foreignKey,
      '',
      'null',
      `${h}.${p}`,
    ];
    for (const token of attempts) {
      const r = await api.query(anyPanel, `pb_session=${token}`);
      expect(r.status, token).toBe(401);
      expect(r.body.error.code).toBe('unauthenticated');
    }
  });
});

describe('cross-tenant reads', () => {
  it('filters and searches naming another tenant’s values return nothing of theirs', async () => {
    for (const t of SAMPLE_TENANTS) {
      const foreign = foreignValues(t.id);
      for (const d of listDashboards()) {
        // Every stored row of the tenant's own (the newest 1,000): none of another tenant's values.
        for (let page = 0; page < 5; page++) countLeaks(t.id, (await api.rows({ dashboard: d.id, panel: d.panels[0]!.id, view: { range: { last: 'P30D' } }, page, pageSize: 200 }, cookies[t.id])).body);
        for (const dim of d.dimensions) {
          const view = { range: { last: 'P30D' }, filters: [{ dim: dim.id, op: 'in', values: foreign.slice(0, 100) }] };
          for (const panel of d.panels) countLeaks(t.id, (await api.query({ dashboard: d.id, panel: panel.id, view }, cookies[t.id])).body);
          // What changed, ranked by every dimension's values: the first panel (a KPI) of each dashboard.
          countLeaks(t.id, (await api.explain({ dashboard: d.id, panel: d.panels[0]!.id, view: { ...view, compare: 'P1W' } }, cookies[t.id])).body);
          // The stored rows: under the foreign filter, and clicked on a foreign value.
          countLeaks(t.id, (await api.rows({ dashboard: d.id, panel: d.panels[0]!.id, view, pageSize: 200 }, cookies[t.id])).body);
          countLeaks(t.id, (await api.rows({ dashboard: d.id, panel: d.panels[0]!.id, view: { range: { last: 'P30D' } }, at: { values: { [dim.id]: foreign[0] } } }, cookies[t.id])).body);
          // The panel as an Excel file, under the foreign filter: every cell of every sheet.
          countLeaks(t.id, await workbookCells((await exportFile({ format: 'xlsx', dashboard: d.id, panel: d.panels[0]!.id, view }, cookies[t.id])).bytes));
          for (const search of ['', t.id === 'acme' ? 'globex' : 'acme', '-']) {
            countLeaks(t.id, (await api.values({ dashboard: d.id, dim: dim.id, search, view: { range: { last: 'P30D' } } }, cookies[t.id])).body);
          }
        }
      }
    }
    console.log(`tenant isolation: ${checked} answers checked, ${leaks} with another tenant's values`);
    expect(leaks).toBe(0);
  }, 300_000);

  it('a dashboard streamed by each tenant, also filtered to another tenant’s values, shows only its own data', async () => {
    const firstEvent = async (query: string, cookie: string) => {
      const abort = new AbortController();
      const res = await streamRoute.GET(new Request(`http://pulse.test/api/stream?${query}`, { headers: { cookie }, signal: abort.signal }));
      expect(res.status).toBe(200);
      const data = JSON.parse((await readEvents(res).next()).data) as { updates: { rows: { add: unknown[] } }[] };
      abort.abort();
      return data;
    };
    for (const t of SAMPLE_TENANTS) {
      const foreign = foreignValues(t.id).slice(0, 50);
      for (const d of listDashboards()) {
        const own = await firstEvent(`dashboard=${d.id}&r=P7D`, cookies[t.id]!);
        expect(own.updates.some((u) => u.rows.add.length > 0), `${t.id} streams its own ${d.id}`).toBe(true);
        countLeaks(t.id, own);
        const dim = d.dimensions[0]!.id;
        countLeaks(t.id, await firstEvent(`dashboard=${d.id}&r=P7D&${foreign.map((v) => `in.${dim}=${encodeURIComponent(v)}`).join('&')}`, cookies[t.id]!));
      }
    }
    expect(leaks).toBe(0);
  }, 300_000);

  it('the same view by two tenants never shares a cache entry', async () => {
    const results = await Promise.all(SAMPLE_TENANTS.map((t) => api.query(anyPanel, cookies[t.id])));
    expect(new Set(results.map((r) => JSON.stringify(r.body.rows))).size).toBe(SAMPLE_TENANTS.length);
    for (const [i, t] of SAMPLE_TENANTS.entries()) countLeaks(t.id, results[i]!.body);
    expect(leaks).toBe(0);
  });

  it('a shared URL opened by another tenant shows only that tenant’s data', async () => {
    const view = ViewSchema.parse({ range: { last: 'P1D' }, filters: [{ dim: 'client', op: 'in', values: ['acme-analytics'] }] });
    const shared = encodeView(view);
    const decoded = decodeView(shared);
    expect(decoded.ok).toBe(true);
    const mine = await api.query({ ...anyPanel, view: decoded.ok && decoded.view }, cookies.acme);
    const theirs = await api.query({ ...anyPanel, view: decoded.ok && decoded.view }, cookies.globex);
    expect(mine.body.rows.length).toBeGreaterThan(0);
    expect(theirs.status).toBe(200);
    expect(theirs.body.rows).toEqual([]);
    // The detector itself: acme's answer read as if it were globex's must count as a leak.
    const before = leaks;
    countLeaks('globex', mine.body);
    expect(leaks).toBe(before + 1);
    leaks = before;
  });
});

/** Every cell of a workbook (an error body when it is not one), for the leak count. */
async function workbookCells(bytes: Buffer): Promise<unknown> {
  if (bytes[0] !== 0x50) return JSON.parse(bytes.toString('utf8')); // not a ZIP: the JSON error
  return (await readWorkbook(bytes)).worksheets.map((sheet) => sheet.getSheetValues());
}

describe('cross-tenant exports', () => {
  const view = { range: { last: 'PT1H' } };
  it('another tenant’s own dashboard cannot be exported in any format, by its id or by guessing: 404', async () => {
    const { id } = (await workspaceApi.createDashboard({ ...dashboardDocument('api-traffic')!, title: 'Globex only' }, cookies.globex)).body;
    const guesses = [id, id.replace(/.$/, (c: string) => (c === 'a' ? 'b' : 'a')), `${id}x`, 'custom-1', '../api-traffic'];
    for (const dashboard of guesses) {
      for (const body of [{ format: 'xlsx', dashboard, panel: 'kpis', view }, { format: 'png', dashboard, panel: 'kpis', view }, { format: 'pdf', dashboard, view }]) {
        const r = await exportFile(body, cookies.acme);
        expect(r.status, `${body.format} ${dashboard}`).toBe(404);
        expect(r.body.error.code).toBe('not_found');
      }
    }
    expect((await exportFile({ format: 'xlsx', dashboard: id, panel: 'kpis', view }, cookies.globex)).status).toBe(200);
  });

  it('a render token is refused when forged, tampered with, signed with another key or used beyond its dashboard', async () => {
    const rt = await getRuntime();
    const grant = { tenant: 'acme', subject: 'attacker', dashboard: 'topics-clients', locked: [] };
    const genuine = await rt.auth.renderToken(grant);
    const [h, p, sig] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const attempts = [
      `${h}.${b64({ ...claims, tenant: 'globex' })}.${sig}`,
      `${h}.${b64({ ...claims, dashboard: 'api-traffic' })}.${sig}`,
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, tenant: 'globex' })}.`,
      await signRenderToken(keyRing({ secret: 'y'.repeat(40), previous: undefined }), { ...grant, tenant: 'globex' }),
    ];
    for (const token of attempts) {
      const r = await queryWithBearer(token, anyPanel);
      expect(r.status, token).toBe(401);
    }
    const ok = await queryWithBearer(genuine, anyPanel);
    expect(ok.status).toBe(200);
    countLeaks('acme', ok.body);
    const elsewhere = await queryWithBearer(genuine, { dashboard: 'api-traffic', panel: 'kpis', view });
    expect(elsewhere.body.error).toMatchObject({ code: 'forbidden', path: 'dashboard' });
    expect(leaks).toBe(0);
  });
});

describe('cross-tenant alerts', () => {
  const ids = async (tenant: string) => (await alertsApi.list('', cookies[tenant])).body.alerts.map((a: { id: string }) => a.id) as string[];

  it('lists only the tenant’s own alerts', async () => {
    for (const t of SAMPLE_TENANTS) countLeaks(t.id, (await alertsApi.list('?tz=Europe/Berlin', cookies[t.id])).body);
    expect(leaks).toBe(0);
  });

  it('cannot acknowledge or resolve another tenant’s alert, by its id or by guessing: 404, and nothing changes', async () => {
    const rt = await getRuntime();
    let attempts = 0;
    for (const owner of SAMPLE_TENANTS) {
      const theirs = await ids(owner.id);
      for (const attacker of SAMPLE_TENANTS.filter((t) => t.id !== owner.id)) {
        const mine = new Set(await ids(attacker.id));
        for (const id of theirs.filter((i) => !mine.has(i))) {
          for (const r of [await alertsApi.ack(id, { note: 'probe' }, cookies[attacker.id]), await alertsApi.resolve(id, { note: 'probe' }, cookies[attacker.id])]) {
            attempts++;
            expect(r.status, `${attacker.id} → ${owner.id}'s ${id}`).toBe(404);
            expect(r.body.error).toMatchObject({ code: 'not_found', path: 'id' });
          }
        }
      }
    }
    // Guessed ids: well-formed and not.
    for (let i = 0; i < 200; i++) {
      const guess = i % 2 ? Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url') : `${i}`;
      expect((await alertsApi.ack(guess, {}, cookies.acme)).status).toBe(404);
      attempts++;
    }
    expect(attempts).toBeGreaterThan(200);
    const probes = await rt.store.db.query("select count(*)::int as n from alert_states where note = 'probe'");
    expect(probes).toEqual([{ n: 0 }]);
  });
});

describe('cross-tenant annotations', () => {
  it('another tenant neither sees nor deletes a note, on any dashboard, by id guessing included', async () => {
    const interval = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };
    const secret = 'acme-only note 7f3a';
    const ids: string[] = [];
    for (const ds of [...new Set(listDashboards().map((d) => d.datasource))]) {
      const r = await annotationsApi.add({ datasource: ds, start: '2026-11-20T10:00:00Z', text: secret }, cookies.acme);
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    for (const t of SAMPLE_TENANTS.filter((x) => x.id !== 'acme')) {
      for (const d of listDashboards()) {
        const seen = await annotationsApi.list({ dashboard: d.id, ...interval }, cookies[t.id]);
        expect(seen.status).toBe(200);
        expect(JSON.stringify(seen.body)).not.toContain(secret);
        countLeaks(t.id, seen.body);
      }
      for (const id of ids) {
        expect((await annotationsApi.remove(id, cookies[t.id])).status).toBe(404);
        // A guessed neighbour of a real id is as unknown as any other.
        expect((await annotationsApi.remove(`${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`, cookies[t.id])).status).toBe(404);
      }
    }
    // Still there for their tenant: the attempts changed nothing.
    const mine = await annotationsApi.list({ dashboard: 'cluster-overview', ...interval }, cookies.acme);
    expect(mine.body.annotations.filter((a: { text: string }) => a.text === secret).length).toBe(1);
    expect(leaks).toBe(0);
  });
});

describe('cross-tenant scheduled reports', () => {
  it('another tenant neither sees, changes, sends nor deletes a report, by id guessing included, nor sends one to another tenant’s people', async () => {
    expect((await api.registerWebhook('https://hooks.example.com/acme', cookies.acme)).status).toBe(200);
    const secret = 'acme-only report 9c1e';
    const created = await reportsApi.add({ name: secret, dashboard: 'cluster-overview', view: { range: { last: 'P1D' } }, every: 'day', at: '08:00', tz: 'UTC', channel: { kind: 'webhook' } }, cookies.acme);
    expect(created.status).toBe(200);
    const id = created.body.report.id as string;
    const neighbour = `${id.slice(0, -1)}${id.endsWith('a') ? 'b' : 'a'}`;
    for (const t of SAMPLE_TENANTS.filter((x) => x.id !== 'acme')) {
      const c = cookies[t.id];
      const listed = await reportsApi.list(c);
      expect(listed.status).toBe(200);
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      for (const guess of [id, neighbour]) {
        for (const r of [await reportsApi.get(guess, c), await reportsApi.change(guess, { paused: true }, c), await reportsApi.run(guess, c), await reportsApi.remove(guess, c)]) {
          expect([r.status, r.body.error.code]).toEqual([404, 'not_found']);
          expect(JSON.stringify(r.body)).not.toContain(secret);
        }
      }
      // Reports go to the tenant's own members: acme's people are outside every other tenant.
      const outward = await reportsApi.add({ name: 'Exfiltrate', dashboard: 'cluster-overview', view: { range: { last: 'P1D' } }, every: 'day', at: '08:00', tz: 'UTC', channel: { kind: 'email', recipients: ['demo@acme.test'] } }, c);
      expect([outward.status, outward.body.error.path]).toEqual([400, 'channel.recipients.0']);
      countLeaks(t.id, listed.body);
    }
    // Unchanged for its owner: not paused, not sent, still there.
    const mine = await reportsApi.get(id, cookies.acme);
    expect(mine.body.report).toMatchObject({ name: secret, paused: false });
    expect(mine.body.runs).toEqual([]);
    expect(leaks).toBe(0);
  });
});
