import 'server-only';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { logger } from '@/lib/metrics/log';
import { metrics } from '@/lib/metrics/registry';
import type { Config } from './config';

const g = globalThis as { __pulseMetricsListener?: Promise<Server | null> };

/**
 * Prometheus metrics on their own listener (`PULSE_METRICS_PORT`, bound to `PULSE_METRICS_HOST`,
 * loopback by default): operations data stays off the customer-facing port. Started once per
 * process by instrumentation.ts; a port already taken stops start-up.
 */
export function startMetricsListener(config: Pick<Config, 'PULSE_METRICS_PORT' | 'PULSE_METRICS_HOST'>): Promise<Server | null> {
  if (config.PULSE_METRICS_PORT === 'off') return Promise.resolve(null);
  return (g.__pulseMetricsListener ??= listen(config.PULSE_METRICS_PORT, config.PULSE_METRICS_HOST));
}

export function metricsServer(): Server {
  return createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (path !== '/metrics') return res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics are at /metrics.\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end();
    const { registry } = metrics();
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : text),
      (err: unknown) => {
        logger().error({ err }, 'metrics collection failed');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics collection failed.\n');
      },
    );
  });
}

async function listen(port: number, host: string): Promise<Server> {
  const server = metricsServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  logger().info({ host: address.address, port: address.port }, 'metrics listener ready');
  // The process ends when the app does, whatever scrapes are open.
  server.unref();
  return server;
}
