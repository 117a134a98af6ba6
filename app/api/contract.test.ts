/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { ROUTED_METHODS, allowedMethods, isUndeclaredHandler } from '@/lib/api/methods';
import { openApiDocument, type ApiPath } from '@/lib/api/openapi';

/** Every route file under app/api, by the API path it serves (app/api/dashboards/[id] → /api/dashboards/{id}). */
const ROUTE_FILES = Object.fromEntries(
  Object.entries(import.meta.glob<Record<string, unknown>>('./**/route.ts'))
    .filter(([file]) => !file.includes('[...'))
    .map(([file, load]) => [file.replace(/^\.\//, '/api/').replace(/\/route\.ts$/, '').replace(/\[(\w+)\]/g, '{$1}'), load]),
);

const doc = openApiDocument();
const documented = (path: string) => Object.keys(doc.paths[path as ApiPath] ?? {}).map((m) => m.toUpperCase()).sort();

/** The parts of an OpenAPI response object these checks read. */
type OpenApiResponse = { content?: Record<string, { schema?: { $ref?: string } }>; headers: Record<string, unknown> };

describe('the OpenAPI document and the route files agree', () => {
  it('documents every route file, and every documented path has a route file', () => {
    expect(Object.keys(ROUTE_FILES).sort()).toEqual(Object.keys(doc.paths).sort());
  });

  for (const [path, load] of Object.entries(ROUTE_FILES)) {
    it(`${path}: its handlers are the documented operations; every other method is a JSON 405 with Allow`, async () => {
      const mod = await load();
      const handlers = ROUTED_METHODS.filter((m) => typeof mod[m] === 'function');
      const served = handlers.filter((m) => !isUndeclaredHandler(mod[m])).sort();
      expect(served).toEqual(documented(path));
      // Next.js answers HEAD with GET where a route has GET; every other method needs a 405 export.
      const expectedStubs = ROUTED_METHODS.filter((m) => !served.includes(m) && !(m === 'HEAD' && served.includes('GET')));
      expect(handlers.filter((m) => isUndeclaredHandler(mod[m])).sort()).toEqual([...expectedStubs].sort());

      for (const method of expectedStubs) {
        const res = await (mod[method] as (req: Request) => Promise<Response>)(new Request(`http://pulse.test${path}`, { method }));
        expect(res.status, method).toBe(405);
        expect(res.headers.get('allow')).toBe(allowedMethods(path as ApiPath).join(', '));
        expect((await res.json()).error).toMatchObject({ code: 'method_not_allowed', requestId: res.headers.get('x-request-id') });
      }
    });
  }

  it('names every operation and types every answer with a named component', () => {
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops as Record<string, { operationId: string; security: unknown[]; responses: Record<string, OpenApiResponse> }>)) {
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z]\w+$/);
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(Array.isArray(op.security), `${method} ${path} states its security`).toBe(true);
        for (const [status, res] of Object.entries(op.responses)) {
          const schema = res.content?.['application/json']?.schema;
          if (schema && path !== '/api/openapi.json') expect(schema.$ref, `${method} ${path} ${status}`).toMatch(/^#\/components\/schemas\/\w+$/);
          if (status === '429' || status === '503') expect(res.headers['retry-after']).toBeDefined();
        }
      }
    }
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    expect(doc.paths['/api/query'].post.security).toEqual([{ session: [] }, { embedToken: [] }]);
    expect(doc.paths['/api/webhook'].put.security).toEqual([{ session: [] }]);
  });

  it('states the range as exactly one of a relative and an absolute shape', () => {
    const range = doc.components.schemas.Range as { oneOf: { $ref: string }[] };
    expect(range.oneOf).toEqual([{ $ref: '#/components/schemas/RelativeRange' }, { $ref: '#/components/schemas/AbsoluteRange' }]);
    const absolute = doc.components.schemas.AbsoluteRange as { required: string[]; description: string };
    expect(absolute.required).toEqual(['start', 'end']);
    expect(absolute.description).toMatch(/end must be after start.*400 days/);
  });
});
