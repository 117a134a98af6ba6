import { AppError } from '@/lib/errors/app-error';

/**
 * The last path segment (or the one `fromEnd` segments before it: /api/alerts/{id}/ack), decoded;
 * one that cannot be decoded names nothing (404 at `id`).
 */
export function pathId(req: Request, what: string, fromEnd = 0): string {
  const raw = new URL(req.url).pathname.split('/').at(-1 - fromEnd) ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('not_found', `There is no such ${what}.`, 'id');
  }
}
