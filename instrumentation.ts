/** Next.js boot hook: load data and start live ingest before the first request arrives. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getRuntime } = await import('./lib/server/runtime');
  await getRuntime();
}
