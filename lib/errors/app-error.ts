import type { z } from 'zod';

/**
 * The one list of error codes the API speaks, each with its HTTP status. Everything that
 * reaches a customer is one of these; the message is written for people, never internals.
 */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  request_timeout: 408,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
  engine_unavailable: 503,
  /** The server-side browser for PDF and PNG exports is missing or failed to start. */
  renderer_unavailable: 503,
  engine_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Seconds a client should wait before asking again, sent as `Retry-After` with every 429 and 503. */
export const RETRY_AFTER_S: Partial<Record<ErrorCode, number>> = { rate_limited: 1, engine_unavailable: 5, renderer_unavailable: 30 };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    /** Seconds after which trying again may succeed: sent as Retry-After (429, 503). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/**
 * Whether `err` is an AppError, by its name and code rather than class identity: Next.js bundles
 * instrumentation.ts and each route separately, so an AppError thrown by the runtime (admission,
 * webhooks) comes from another copy of this class and fails `instanceof`.
 */
export function isAppError(err: unknown): err is AppError {
  if (!(err instanceof Error) || err.name !== 'AppError') return false;
  const { code } = err as { code?: unknown };
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code);
}

export function invalid(message: string, path?: string): AppError {
  return new AppError('invalid_input', message, path);
}

/**
 * A failed schema validation as a 400 naming the path of its first problem; an unknown key is
 * named in the path itself, so a typo is easy to spot.
 */
export function invalidFromIssues(issues: readonly z.core.$ZodIssue[]): AppError {
  const issue = issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  return invalid(issue.message, path.map(String).join('.') || undefined);
}
