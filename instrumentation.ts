/** Next.js boot hook: load data and start live ingest before the first request arrives. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // A bad setting (a missing PULSE_SECRET outside demo mode, say) stops the server, rather than
  // leaving it up answering every request with an error.
  const { loadConfig } = await import('./lib/runtime/config');
  try {
    loadConfig();
  } catch (err) {
    console.error(`[pulseboard] ${(err as Error).message}`);
    process.exit(1);
  }
  const { getRuntime } = await import('./lib/runtime/runtime');
  const rt = await getRuntime();
  // Prometheus scrapes its own listener, on loopback by default, never the public port.
  const { startMetricsListener } = await import('./lib/runtime/metrics-listener');
  await startMetricsListener(rt.config);
  // scripts/serve.mjs answers POST /api/query with this handler, without Next.js routing in between,
  // and API requests with methods Next.js does not route (TRACE, QUERY) with the API's own 405,
  // with the same security headers as proxy.ts puts on everything Next.js serves.
  const { getSite } = await import('./lib/runtime/site');
  const { publishQueryEndpoint } = await import('./lib/api/query-endpoint');
  publishQueryEndpoint(getRuntime, getSite());
  const { publishUnrouted } = await import('./lib/api/methods');
  publishUnrouted(getSite());
  // scripts/serve.mjs drains and closes the runtime on SIGTERM and SIGINT.
  const { SHUTDOWN_HOOKS, shutdownHooks } = await import('./lib/runtime/shutdown');
  (globalThis as Record<symbol, unknown>)[SHUTDOWN_HOOKS] = shutdownHooks(rt);
}
