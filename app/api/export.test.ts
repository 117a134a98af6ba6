import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportFile as exportWith } from '@/lib/api/export';
import { ExportRequestSchema } from '@/lib/contract/export';
import { dashboardDocument } from '@/lib/dashboards/registry';
import type { RenderJob } from '@/lib/render/renderer';
import { getRuntime } from '@/lib/runtime/runtime';
import { adminApi, api, cookieFor, exportFile, queryWithBearer, workspaceApi } from '@/lib/testing/api-client';
import { readWorkbook, sheetRows } from '@/lib/testing/workbook';

process.env.PULSE_LIVE = 'off';
// No browser on this server: PNG and PDF must say so (503), never fail with a 500.
process.env.PULSE_CHROMIUM_PATH = '/nonexistent/chromium';

let acme: string;
let globex: string;
let embedSecret: string;
beforeAll(async () => {
  await getRuntime();
  acme = await cookieFor('demo@acme.test');
  globex = await cookieFor('demo@globex.test');
  embedSecret = (await adminApi.issueEmbedSecret(acme)).body.secret;
  expect((await adminApi.setEmbed({ allowedOrigins: ['https://app.acme.example'], jwksUrl: null }, acme)).status).toBe(200);
});

const EU = 'acme-prod-eu';
const embedToken = () =>
  new SignJWT({ tenant: 'acme', sub: 'customer-7', aud: 'pulseboard', dashboards: ['cluster-overview'], filters: [{ dim: 'cluster', op: 'in', values: [EU] }], exp: Math.floor(Date.now() / 1000) + 300 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(embedSecret));

describe('POST /api/export as XLSX', () => {
  it('equals the panel’s /api/query answer cell for cell: labels as the CSV, numbers as numbers, times as the zone’s wall clock', async () => {
    const body = { dashboard: 'cluster-overview', panel: 'throughput', view: { range: { last: 'PT6H' }, grain: 'PT1H', tz: 'America/New_York' } };
    const q = await api.query(body, acme);
    expect(q.status).toBe(200);
    const x = await exportFile({ ...body, format: 'xlsx' }, acme);
    expect(x.status, x.bytes.toString().slice(0, 200)).toBe(200);
    expect(x.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(x.headers.get('content-disposition')).toMatch(/^attachment; filename="cluster-overview-throughput-\d{4}-\d\d-\d\dT\d{4}\.xlsx"$/);
    const book = await readWorkbook(x.bytes);
    const [header, ...rows] = sheetRows(book.getWorksheet('Bytes in by cluster')!);
    expect(header).toEqual(['Time', 'Cluster', 'Bytes in']);
    expect(rows.length).toBe(q.body.rows.length);
    expect(rows.length).toBeGreaterThan(0);
    const offset = (ms: number) => {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'longOffset' }).formatToParts(ms);
      const m = /GMT([+-])(\d\d):(\d\d)/.exec(parts.find((p) => p.type === 'timeZoneName')!.value)!;
      return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
    };
    (q.body.rows as [number, string | null, number][]).forEach(([t, cluster, bytes], i) => {
      expect((rows[i]![0] as Date).getTime()).toBe(t + offset(t));
      expect(rows[i]![1]).toBe(cluster ?? undefined);
      expect(rows[i]![2]).toBe(bytes);
      expect(typeof rows[i]![2]).toBe('number');
    });
    const about = Object.fromEntries(sheetRows(book.getWorksheet('About')!) as [string, string][]);
    expect(about).toMatchObject({ Dashboard: 'Cluster overview', Panel: 'Bytes in by cluster', Zone: 'America/New_York', Range: 'last PT6H', Filters: 'none' });
    expect(about.Interval).toBe(`${q.body.meta.interval.start} to ${q.body.meta.interval.end} (UTC)`);
  });

  it('applies the view’s filters and names them on the About sheet', async () => {
    const view = { range: { last: 'P1D' }, tz: 'UTC', filters: [{ dim: 'cluster', op: 'in', values: ['acme-prod-us'] }] };
    const x = await exportFile({ format: 'xlsx', dashboard: 'cluster-overview', panel: 'brokers', view }, acme);
    expect(x.status).toBe(200);
    const book = await readWorkbook(x.bytes);
    const rows = sheetRows(book.worksheets[0]!).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => String(r[0]).startsWith('acme-us-'))).toBe(true);
    expect(Object.fromEntries(sheetRows(book.getWorksheet('About')!) as [string, string][]).Filters).toBe('Cluster is acme-prod-us');
  });

  it('is bounded by an embed token’s locked filter, whatever the view asks', async () => {
    const view = { range: { last: 'P1D' }, tz: 'UTC', filters: [{ dim: 'cluster', op: 'in', values: ['acme-prod-us'] }] };
    const bearer = { authorization: `Bearer ${await embedToken()}` };
    const widened = await exportFile({ format: 'xlsx', dashboard: 'cluster-overview', panel: 'brokers', view }, undefined, bearer);
    expect(widened.status).toBe(200);
    expect(sheetRows((await readWorkbook(widened.bytes)).worksheets[0]!).length).toBe(1); // the header alone: EU and US exclude each other
    const all = await exportFile({ format: 'xlsx', dashboard: 'cluster-overview', panel: 'brokers', view: { range: { last: 'P1D' } } }, undefined, bearer);
    const rows = sheetRows((await readWorkbook(all.bytes)).worksheets[0]!).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => String(r[0]).startsWith('acme-eu-'))).toBe(true);
    const other = await exportFile({ format: 'xlsx', dashboard: 'api-traffic', panel: 'kpis', view: { range: { last: 'P1D' } } }, undefined, bearer);
    expect(other.body.error).toMatchObject({ code: 'forbidden', path: 'dashboard' });
  });
});

describe('POST /api/export refusals', () => {
  const view = { range: { last: 'PT1H' } };
  it.each([
    [{ format: 'xlsx', dashboard: 'cluster-overview', view }, 'panel'],
    [{ format: 'png', dashboard: 'cluster-overview', view }, 'panel'],
    [{ format: 'pdf', dashboard: 'cluster-overview', panel: 'kpis', view }, 'panel'],
    [{ format: 'docx', dashboard: 'cluster-overview', panel: 'kpis', view }, 'format'],
    [{ format: 'xlsx', dashboard: 'cluster-overview', panel: 'kpis', view: { range: { last: 'PT1H' }, tz: 'Mars/Olympus' } }, 'view.tz'],
    [{ format: 'xlsx', dashboard: 'cluster-overview', panel: 'kpis', view: { range: { last: 'PT1H' }, filters: [{ dim: 'nope', op: 'in', values: ['x'] }] } }, 'view.filters.0.dim'],
    [{ format: 'pdf', dashboard: 'cluster-overview', view: { range: { last: 'PT1H' }, split: 'nope' } }, 'view.split'],
  ])('400 for %j at its path', async (body, path) => {
    const r = await exportFile(body, acme);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_input', path });
  });

  it('404 for an unknown panel or dashboard, and for another tenant’s own dashboard', async () => {
    expect((await exportFile({ format: 'png', dashboard: 'cluster-overview', panel: 'nope', view }, acme)).body.error).toMatchObject({ code: 'not_found', path: 'panel' });
    expect((await exportFile({ format: 'pdf', dashboard: 'nope', view }, acme)).body.error).toMatchObject({ code: 'not_found', path: 'dashboard' });
    const { id } = (await workspaceApi.createDashboard({ ...dashboardDocument('api-traffic')!, title: 'Globex exports' }, globex)).body;
    for (const format of ['xlsx', 'png'] as const) {
      expect((await exportFile({ format, dashboard: id, panel: 'kpis', view }, acme)).body.error).toMatchObject({ code: 'not_found', path: 'dashboard' });
    }
    expect((await exportFile({ format: 'pdf', dashboard: id, view }, acme)).body.error).toMatchObject({ code: 'not_found', path: 'dashboard' });
    expect((await exportFile({ format: 'xlsx', dashboard: id, panel: 'kpis', view }, globex)).status).toBe(200);
  });

  it('401 without a session', async () => {
    expect((await exportFile({ format: 'xlsx', dashboard: 'cluster-overview', panel: 'kpis', view })).body.error).toMatchObject({ code: 'unauthenticated' });
  });

  it('503 renderer_unavailable for PNG and PDF when the server has no browser, with Retry-After; XLSX still works', async () => {
    for (const body of [{ format: 'png', dashboard: 'cluster-overview', panel: 'kpis', view }, { format: 'pdf', dashboard: 'cluster-overview', view }]) {
      const r = await exportFile(body, acme);
      expect(r.status).toBe(503);
      expect(r.body.error).toMatchObject({ code: 'renderer_unavailable' });
      expect(r.body.error.message).not.toMatch(/nonexistent|Error:|at /);
      expect(r.headers.get('retry-after')).toBe('30');
    }
    expect((await exportFile({ format: 'xlsx', dashboard: 'cluster-overview', panel: 'kpis', view }, acme)).status).toBe(200);
  });
});

describe('what the rendered page may read', () => {
  /** The render job the export hands the browser, recorded instead of drawn. */
  async function renderJob(principalHeaders: { authorization?: string; cookie?: string }, body: object): Promise<RenderJob> {
    const rt = await getRuntime();
    const jobs: RenderJob[] = [];
    const principal = await rt.auth.principal(principalHeaders);
    await exportWith({ ...rt, renderer: { render: async (job) => (jobs.push(job), Buffer.from('x')) } }, principal, ExportRequestSchema.parse(body));
    return jobs[0]!;
  }
  it('is the embed viewer’s: its token’s locked filter binds every answer, and only this dashboard', async () => {
    const view = { range: { last: 'P1D' }, tz: 'UTC' };
    const job = await renderJob({ authorization: `Bearer ${await embedToken()}` }, { format: 'pdf', dashboard: 'cluster-overview', view });
    expect(job.path).toMatch(/^\/render\/cluster-overview\?v=1&/);
    const brokers = await queryWithBearer(job.bearer, { dashboard: 'cluster-overview', panel: 'brokers', view: { ...view, filters: [{ dim: 'cluster', op: 'not_in', values: [EU] }] } });
    expect(brokers.status).toBe(200);
    expect(brokers.body.rows).toEqual([]);
    const all = await queryWithBearer(job.bearer, { dashboard: 'cluster-overview', panel: 'brokers', view });
    expect(all.body.rows.length).toBeGreaterThan(0);
    expect(all.body.rows.every((r: string[]) => r[0]!.startsWith('acme-eu-'))).toBe(true);
    expect((await queryWithBearer(job.bearer, { dashboard: 'topics-clients', panel: 'pairs', view })).body.error).toMatchObject({ code: 'forbidden' });
  });

  it('is the signed-in user’s tenant, read-only, for this dashboard only', async () => {
    const view = { range: { last: 'P1D' }, tz: 'UTC' };
    const job = await renderJob({ cookie: globex }, { format: 'png', dashboard: 'cluster-overview', panel: 'brokers', view });
    expect(job).toMatchObject({ format: 'png', selector: '[data-panel="brokers"]', path: expect.stringMatching(/^\/render\/cluster-overview\/brokers\?v=1&/) });
    const asGlobex = await queryWithBearer(job.bearer, { dashboard: 'cluster-overview', panel: 'brokers', view });
    expect(asGlobex.body.rows.length).toBeGreaterThan(0);
    expect(asGlobex.body.rows.every((r: string[]) => r[0]!.startsWith('globex-'))).toBe(true);
    expect((await queryWithBearer(job.bearer, { dashboard: 'api-traffic', panel: 'kpis', view })).body.error).toMatchObject({ code: 'forbidden' });
    const change = await workspaceApi.saveView({ dashboard: 'cluster-overview', name: 'x', view }, undefined);
    expect(change.status).toBe(401);
    const saved = await (await import('./views/route')).POST(
      new Request('http://pulse.test/api/views', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${job.bearer}` }, body: JSON.stringify({ dashboard: 'cluster-overview', name: 'x', view }) }),
    );
    expect(saved.status).toBe(403);
  });
});
