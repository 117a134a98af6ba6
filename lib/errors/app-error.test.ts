import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from './app-error';

/** A second copy of the class, as another bundle of the same module would define it. */
class OtherBundleAppError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

describe('isAppError', () => {
  it('recognises an AppError', () => {
    expect(isAppError(new AppError('rate_limited', 'slow down'))).toBe(true);
  });

  it('recognises an AppError from another copy of the module, where instanceof fails', () => {
    const foreign = new OtherBundleAppError('rate_limited', 'slow down');
    expect(foreign instanceof AppError).toBe(false);
    expect(isAppError(foreign)).toBe(true);
  });

  it('rejects other errors, unknown codes and plain objects', () => {
    expect(isAppError(new Error('boom'))).toBe(false);
    expect(isAppError(new OtherBundleAppError('teapot', 'no such code'))).toBe(false);
    expect(isAppError(new OtherBundleAppError('toString', 'inherited, not a code'))).toBe(false);
    expect(isAppError({ name: 'AppError', code: 'rate_limited', message: 'not an Error' })).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});
