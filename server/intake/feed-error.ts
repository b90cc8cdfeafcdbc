/**
 * Why a feed could not be read. One typed error, so the sources service can store `code` and
 * `message` as the source's `lastError` and back off, whatever went wrong: a hostile or broken
 * feed is an error on that source, never a crash of the server.
 */
export const FEED_ERROR_CODES = ['bad-url', 'http', 'too-large', 'timeout', 'too-many-redirects', 'malformed', 'unsupported'] as const;
export type FeedErrorCode = (typeof FEED_ERROR_CODES)[number];

export class FeedError extends Error {
  override readonly name = 'FeedError';
  constructor(
    readonly code: FeedErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
