/** One item of a feed, reduced to what the intake needs: plain text only, never HTML. */
export interface FeedItem {
  /** The item's GUID (RSS), id (Atom) or rdf:about (RSS 1.0); else its canonical link; else a hash of title and date. */
  id: string;
  title: string;
  text: string;
  /** Absolute http(s) URL, resolved against the feed's URL. */
  url: string | null;
  /** ISO instant, or null when the feed gives no readable date. */
  publishedAt: string | null;
  author: string | null;
  /**
   * The outlet that first published the item when the feed relays others' stories (RSS 2.0
   * `<source>`, Atom `<source><title>`): an aggregator's reports keep their own outlet.
   */
  outlet: string | null;
}

export type FeedResult = { status: 'ok'; etag: string | null; lastModified: string | null; items: FeedItem[] } | { status: 'not-modified' };

/** Bounds on what one fetch may cost; tests pass small ones so they need not wait 15 s. */
export interface FeedLimits {
  /** Decoded (after gzip/deflate/br) body bytes before the response is abandoned. */
  maxBytes: number;
  /** Wall time for the whole fetch: connect, redirects, headers and body. */
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_FEED_LIMITS: FeedLimits = {
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 15_000,
  maxRedirects: 3,
};

export interface FetchFeedOptions {
  /** Validators from the previous successful fetch, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
  limits?: Partial<FeedLimits>;
}
