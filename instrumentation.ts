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
  await getRuntime();
  // scripts/serve.mjs answers POST /api/query with this handler, without Next.js routing in between,
  // and API requests with methods Next.js does not route (TRACE, QUERY) with the API's own 405.
  const { publishQueryEndpoint } = await import('./lib/api/query-endpoint');
  publishQueryEndpoint(getRuntime);
  const { publishUnrouted } = await import('./lib/api/methods');
  publishUnrouted();
}
