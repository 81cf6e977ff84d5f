// Domain code throws AppError with a code; only the edge (route handlers, CLI)
// maps codes to HTTP statuses or exit codes.
export type TAppErrorCode =
  | 'INVALID'
  | 'MALFORMED_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SECRET_KEY'
  | 'INTERNAL';

export type TFieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: TAppErrorCode;
  readonly fields?: TFieldErrors;

  constructor(code: TAppErrorCode, message: string, options: { fields?: TFieldErrors; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
