import { httpGet } from './feed-http';
import { parseFeed } from './feed-parse';
import { DEFAULT_FEED_LIMITS, type FeedResult, type FetchFeedOptions } from './feed-types';

export { FeedError, type FeedErrorCode } from './feed-error';
export { DEFAULT_FEED_LIMITS, type FeedItem, type FeedLimits, type FeedResult, type FetchFeedOptions } from './feed-types';

/**
 * Reads one RSS 2.0, Atom 1.0 or RSS 1.0 feed. Answers `not-modified` when the server says the
 * validators still hold (conditional GET); otherwise the items with the new validators to keep.
 * Every failure is a FeedError whose code the sources service stores as the source's last error.
 */
export async function fetchFeed(url: string, opts: FetchFeedOptions = {}): Promise<FeedResult> {
  const limits = { ...DEFAULT_FEED_LIMITS, ...opts.limits };
  const response = await httpGet(url, { etag: opts.etag, lastModified: opts.lastModified }, limits, opts.signal);
  if (response.status === 'not-modified') return { status: 'not-modified' };
  return {
    status: 'ok',
    etag: response.etag,
    lastModified: response.lastModified,
    items: parseFeed(response.body, response.url),
  };
}
