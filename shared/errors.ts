/** The closed error catalogue of API.md: code → HTTP status and whether a client may retry. */
export const errorCatalogue = {
  bad_request: { status: 400, retryable: false },
  invalid_signature: { status: 400, retryable: false },
  unauthorized: { status: 401, retryable: false },
  invalid_credentials: { status: 401, retryable: false },
  pro_required: { status: 402, retryable: false },
  forbidden: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  conflict: { status: 409, retryable: false },
  payload_too_large: { status: 413, retryable: false },
  validation_failed: { status: 422, retryable: false },
  rate_limited: { status: 429, retryable: true },
  quota_exceeded: { status: 429, retryable: true },
  upstream_error: { status: 502, retryable: true },
  unavailable: { status: 503, retryable: true },
  internal: { status: 500, retryable: true },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(errorCatalogue, value);

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * An error a client may read. Anything thrown that is not an AppError is rendered as `internal`
 * with a generic message, so stack traces and SQL never leave the process.
 */
export class AppError extends Error {
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.headers = headers;
  }

  get retryable(): boolean {
    return errorCatalogue[this.code].retryable;
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }

  static fromBody(body: ErrorBody, headers: Record<string, string> = {}): AppError {
    return new AppError(isErrorCode(body.code) ? body.code : 'internal', body.message, body.details, headers);
  }
}

export const notFound = (what = 'resource') => new AppError('not_found', `The ${what} does not exist`);
