/**
 * Typed application errors. Each module owns its codes; `httpStatusOf` is the one mapper to HTTP.
 * `message` is shown to people: Chinese, and says what to do.
 */
export type ErrorKind = 'bad_request' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'unsupported_media' | 'locked' | 'rate_limited';

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  locked: 423,
  rate_limited: 429,
};

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.kind];
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError('bad_request', code, message, details);
export const notFound = (code: string, message: string) => new AppError('not_found', code, message);
export const forbidden = (code: string, message: string) => new AppError('forbidden', code, message);
export const conflict = (code: string, message: string, details?: unknown) => new AppError('conflict', code, message, details);
