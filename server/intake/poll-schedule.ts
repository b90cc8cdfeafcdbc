/**
 * When a source is polled next. Pure, so the back-off rule is tested without a clock or a feed.
 * A healthy source waits its interval; a failing one waits its interval doubled per consecutive
 * failure, capped at 6 h, so a dead feed costs a few requests a day and a flapping one recovers
 * quickly. A source whose own interval is longer than the cap keeps its interval.
 */

export const BACKOFF_CAP_MINUTES = 6 * 60;
const MINUTE = 60_000;

export function nextPollAfterSuccess(now: number, pollMinutes: number): number {
  return now + pollMinutes * MINUTE;
}

/** `failures` counts this failure too (1 after the first one). */
export function backoffMinutes(pollMinutes: number, failures: number): number {
  const doubled = pollMinutes * 2 ** Math.min(Math.max(failures, 0), 20);
  return Math.min(doubled, Math.max(pollMinutes, BACKOFF_CAP_MINUTES));
}

export function nextPollAfterFailure(now: number, pollMinutes: number, failures: number): number {
  return now + backoffMinutes(pollMinutes, failures) * MINUTE;
}

/**
 * The one-line message stored as a source's `lastError`: no stack, no newline, bounded, and with
 * any URL's user name, password and query string removed (a redirect target may carry a token).
 */
export function sourceErrorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = raw
    .replace(/\s+/g, ' ')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s?#]*)[?#]\S*/gi, '$1')
    .trim();
  return (line || 'unknown error').slice(0, 300);
}
