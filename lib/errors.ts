export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'invalid_rows'
  | 'rate_limited'
  | 'internal';

export interface ErrorIssue {
  path?: string;
  row?: number;
  column?: string;
  message: string;
}

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_rows: 422,
  rate_limited: 429,
  internal: 500,
};

/** The one application error: carries a code that maps to an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const badRequest = (message: string, issues?: ErrorIssue[]) => new AppError('bad_request', message, issues);
export const notFound = (message: string) => new AppError('not_found', message);
