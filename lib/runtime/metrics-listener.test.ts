import type { Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { metrics } from '@/lib/metrics/registry';
import { metricsServer, startMetricsListener } from './metrics-listener';

/** In this engineer's port block (3800–3899). */
const PORT = 3891;

describe('the metrics listener', () => {
  let server: Server;
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('serves the Prometheus registry at /metrics on loopback, and nothing else', async () => {
    server = await startMetricsListener({ PULSE_METRICS_PORT: PORT, PULSE_METRICS_HOST: '127.0.0.1' }) as Server;
    expect(server.address()).toMatchObject({ address: '127.0.0.1', port: PORT });
    metrics().httpRequests.inc({ route: 'listener-test', status: '200' });
    const res = await fetch(`http://127.0.0.1:${PORT}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(metrics().registry.contentType);
    expect(await res.text()).toContain('pulse_http_requests_total{route="listener-test",status="200"} 1');
    expect((await fetch(`http://127.0.0.1:${PORT}/api/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${PORT}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('is started once per process, and not at all when off', async () => {
    expect(await startMetricsListener({ PULSE_METRICS_PORT: PORT, PULSE_METRICS_HOST: '127.0.0.1' })).toBe(server);
    expect(await startMetricsListener({ PULSE_METRICS_PORT: 'off', PULSE_METRICS_HOST: '127.0.0.1' })).toBeNull();
  });

  it('fails loudly when its port is taken', async () => {
    const again = metricsServer();
    await expect(new Promise((resolve, reject) => again.once('error', reject).listen(PORT, '127.0.0.1', () => resolve(again)))).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
