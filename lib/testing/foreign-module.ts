/**
 * A second instance of one of our modules, as Next.js gives instrumentation.ts (and with it the
 * runtime) its own bundle: its classes fail `instanceof` against ours. `path` is from the repo root.
 */
export async function foreignCopy<T>(path: string): Promise<T> {
  return (await import(/* @vite-ignore */ `${path}?bundle=foreign`)) as T;
}
