// Domain code throws AppError with a code; only the edge (route handlers, CLI)
// maps codes to HTTP statuses or exit codes.
export type TAppErrorCode =
  | 'INVALID'
  | 'MALFORMED_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'SECRET_KEY'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export type TFieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: TAppErrorCode;
  readonly fields?: TFieldErrors;
  readonly retryAfterSeconds?: number;
  // A more precise error name than the code's (e.g. "preflight_failed" for a
  // CONFLICT), and extra body fields (the failed checks, the active run).
  readonly reason?: string;
  readonly extra?: Record<string, unknown>;

  constructor(code: TAppErrorCode, message: string, options: { fields?: TFieldErrors; cause?: unknown; retryAfterSeconds?: number; reason?: string; extra?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.reason = options.reason;
    this.extra = options.extra;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
