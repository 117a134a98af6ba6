import { AppError } from '@/lib/errors/app-error';

/** The last path segment, decoded; one that cannot be decoded names nothing (404 at `id`). */
export function pathId(req: Request, what: string): string {
  const raw = new URL(req.url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('not_found', `There is no such ${what}.`, 'id');
  }
}
