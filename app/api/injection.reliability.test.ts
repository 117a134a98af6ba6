/**
 * Injection: every payload in every value position behaves exactly like a harmless value that
 * matches nothing — same status, same rows, no engine error, never another tenant's data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '@/lib/runtime/runtime';
import { metrics } from '@/lib/metrics/registry';
import { api, cookieFor } from '@/lib/testing/api-client';
import { HARMLESS, INJECTION_PAYLOADS } from '@/lib/testing/injection-corpus';

process.env.PULSE_LIVE = 'off';
let cookie = '';
const engineErrors = async () => (await metrics().engineQueries.get()).values.filter((v) => v.labels.outcome === 'error').reduce((s, v) => s + v.value, 0);

beforeAll(async () => {
  await getRuntime();
  cookie = await cookieFor('demo@acme.test');
});

const body = (filters: unknown[]) => ({ dashboard: 'topics-clients', panel: 'pairs', view: { range: { last: 'P7D' }, filters } });

describe('injection corpus', () => {
  it('has at least 200 payloads', () => {
    expect(INJECTION_PAYLOADS.length).toBeGreaterThanOrEqual(200);
  });

  it.each(['in', 'not_in', 'contains'] as const)('filter values (%s) act as plain data', async (op) => {
    const before = await engineErrors();
    const baseline = await api.query(body([{ dim: 'client', op, values: [HARMLESS] }]), cookie);
    expect(baseline.status).toBe(200);
    for (const payload of INJECTION_PAYLOADS) {
      const r = await api.query(body([{ dim: 'client', op, values: [payload] }]), cookie);
      // A NUL is refused by the view schema (no stored value holds one, and saved views and reports cannot keep one).
      if (payload.includes('\u0000')) {
        expect([r.status, r.body.error?.path], payload).toEqual([400, 'view.filters.0.values.0']);
        continue;
      }
      expect(r.status, payload).toBe(200);
      expect(r.body.rows, payload).toEqual(baseline.body.rows);
    }
    expect(await engineErrors()).toBe(before);
  }, 300_000);

  it('typeahead search acts as plain data', async () => {
    for (const payload of INJECTION_PAYLOADS) {
      const r = await api.values({ dashboard: 'security-logins', dim: 'user', search: payload, view: { range: { last: 'P1D' } } }, cookie);
      expect(r.status, payload).toBe(200);
      expect(r.body.values, payload).toEqual([]);
    }
  }, 300_000);

  it('ids, dimensions and time zones are refused exactly like any unknown name of the same length', async () => {
    const ask = (name: string) => ({
      dashboard: api.query({ ...body([]), dashboard: name }, cookie),
      panel: api.query({ ...body([]), panel: name }, cookie),
      dim: api.query(body([{ dim: name, op: 'in', values: ['x'] }]), cookie),
      tz: api.query({ ...body([]), view: { range: { last: 'P1D' }, tz: name } }, cookie),
    });
    for (const payload of INJECTION_PAYLOADS) {
      // Length limits apply to harmless names too, so compare with a harmless name as long.
      const refAsk = ask('z'.repeat(payload.length));
      const gotAsk = ask(payload);
      const ref = { dashboard: await refAsk.dashboard, panel: await refAsk.panel, dim: await refAsk.dim, tz: await refAsk.tz };
      const got = { dashboard: await gotAsk.dashboard, panel: await gotAsk.panel, dim: await gotAsk.dim, tz: await gotAsk.tz };
      for (const k of Object.keys(ref) as (keyof typeof ref)[]) {
        expect(got[k].status, `${k}: ${payload}`).toBe(ref[k].status);
        expect(got[k].body.error.code, `${k}: ${payload}`).toBe(ref[k].body.error.code);
        expect(got[k].body.error.path, `${k}: ${payload}`).toBe(ref[k].body.error.path);
      }
    }
  }, 300_000);
});
