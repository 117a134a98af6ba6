import { AppError } from '@/lib/errors/app-error';
import { errorResponse, route } from '@/lib/api/handler';

/** Unknown API paths answer in the API's own error format, not with an HTML page. */
const notFound = route('unknown', async (_req, ctx) => errorResponse(new AppError('not_found', 'There is no such API endpoint.'), ctx));

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
