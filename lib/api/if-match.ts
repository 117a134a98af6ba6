import { invalid } from '@/lib/errors/app-error';

/** The ETag of a stored document's revision, as GET sends it and If-Match takes it back. */
export const revisionTag = (revision: number) => `"${revision}"`;

/**
 * The revision an If-Match header asks to change, or undefined for none (absent or `*`: any
 * revision). Anything else is a 400, so a client that meant to guard its change never overwrites
 * unguarded because of a typo.
 */
export function ifMatchRevision(header: string | null): number | undefined {
  if (header === null || header.trim() === '*') return undefined;
  const m = /^\s*"([1-9]\d{0,8})"\s*$/.exec(header);
  if (!m) throw invalid('If-Match must be the dashboard’s ETag: its revision in quotes, such as "3".', 'If-Match');
  return Number(m[1]);
}
