import { describe, expect, it } from 'vitest';
import { DruidEngine, classify } from './druid';
import { EngineError } from './engine';

type Call = { url: string; init: RequestInit };

/** A stand-in broker: records requests and answers from a script. */
function fakeBroker(answer: (call: Call) => Promise<Response>) {
  const calls: Call[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    const call = { url: String(url), init };
    calls.push(call);
    return answer(call);
  }) as typeof fetch;
  return { calls, engine: new DruidEngine('http://druid.test', { fetch: fetchFn, lane: 'dashboards' }) };
}

const q = { sql: 'SELECT 1 FROM "logins" WHERE "tenant" = ?', params: [{ type: 'VARCHAR' as const, value: 'acme' }] };
const opts = { timeoutMs: 1000, queryId: 'q-1', tz: 'Europe/Berlin', priority: 5 };

describe('DruidEngine', () => {
  it('sends dynamic parameters and the query context', async () => {
    const { calls, engine } = fakeBroker(async () => new Response(JSON.stringify([[1, 'a', null]]), { status: 200 }));
    expect(await engine.query(q, opts)).toEqual([[1, 'a', null]]);
    const body = JSON.parse(String(calls[0]!.init.body));
    expect(calls[0]!.url).toBe('http://druid.test/druid/v2/sql');
    expect(body).toMatchObject({
      query: q.sql,
      parameters: [{ type: 'VARCHAR', value: 'acme' }],
      resultFormat: 'array',
      context: { sqlQueryId: 'q-1', sqlTimeZone: 'Europe/Berlin', timeout: 1000, priority: 5, lane: 'dashboards', approxQuantileDsMaxStreamLength: 10_000 },
    });
  });

  it('cancels the Druid query by id when the client goes away', async () => {
    const { calls, engine } = fakeBroker(
      (call) =>
        new Promise((resolve, reject) => {
          if (call.init.method === 'DELETE') return resolve(new Response(null, { status: 202 }));
          call.init.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    const client = new AbortController();
    const pending = engine.query(q, { ...opts, signal: client.signal });
    client.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['POST http://druid.test/druid/v2/sql', 'DELETE http://druid.test/druid/v2/sql/q-1']);
  });

  it('maps an unreachable broker to unavailable', async () => {
    const { engine } = fakeBroker(async () => {
      throw new TypeError('fetch failed: ECONNREFUSED');
    });
    await expect(engine.query(q, opts)).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('treats a missing datasource as empty for freshness', async () => {
    const body = JSON.stringify({ error: 'druidException', errorCode: 'invalidInput', category: 'INVALID_INPUT', errorMessage: "Object 'alerts' not found" });
    const { engine } = fakeBroker(async () => new Response(body, { status: 400 }));
    expect((await engine.dataUntilByTenant('alerts', { start: 0, end: 1 })).size).toBe(0);
  });

  it("asks for each tenant's newest event inside the window, with the window bound as parameters", async () => {
    const { calls, engine } = fakeBroker(async () => new Response(JSON.stringify([['acme', 5_000], ['globex', 9_999]]), { status: 200 }));
    const got = await engine.dataUntilByTenant('logins', { start: 1_000, end: 9_000 });
    // Exclusive ends; an event the broker let through past the window's end cannot move "now" beyond it.
    expect([...got]).toEqual([['acme', 5_001], ['globex', 9_000]]);
    const body = JSON.parse(String(calls[0]!.init.body));
    expect(body.query).toMatch(/GROUP BY 1/);
    expect(body.parameters).toEqual([{ type: 'BIGINT', value: 1_000 }, { type: 'BIGINT', value: 9_000 }]);
  });

  it.each([
    [504, '{"error":"Query timeout","errorCode":"timeout"}', 'timeout'],
    [500, '{"error":"druidException","category":"TIMEOUT"}', 'timeout'],
    [429, '{"error":"Query capacity exceeded"}', 'unavailable'],
    [400, '{"error":"Resource limit exceeded","category":"INVALID_INPUT","errorCode":"legacyQueryException"}', 'unavailable'],
    [400, '{"error":"druidException","category":"INVALID_INPUT","errorCode":"invalidInput"}', 'bad_query'],
    [500, '{"error":"druidException","category":"CANCELED"}', 'cancelled'],
    [503, 'Service Unavailable', 'unavailable'],
  ] as const)('classifies HTTP %i %s as %s', (status, body, kind) => {
    expect(classify(status, body)).toBe(kind);
    expect(new EngineError(kind, body).message).not.toContain(body);
  });
});
