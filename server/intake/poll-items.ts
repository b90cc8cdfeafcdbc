import type { FeedItem } from './feed-types';
import type { IncomingReport } from './ingest-reports';

/**
 * From a feed's items to the reports to store: the keyword filter and each item's identity. Pure,
 * so the rules are unit-tested without a feed server.
 */

/** A report's text is bounded like a pasted one (POST /api/reports takes ≤ 50 000 characters). */
export const MAX_ITEM_TEXT = 50_000;
const MAX_ITEM_TITLE = 1_000;

/** Keeps items whose title or text contains one of the keywords (case-insensitive); no keywords keeps all. */
export function matchesKeywords(item: Pick<FeedItem, 'title' | 'text'>, keywords: readonly string[]): boolean {
  if (!keywords.length) return true;
  const haystack = `${item.title}\n${item.text}`.toLowerCase();
  return keywords.some((k) => haystack.includes(k.toLowerCase()));
}

/**
 * The item's identity across fetches and feeds. A GUID that is a URI (a permalink, a `urn:`, the
 * parser's `sha256:` of title and date) is global; a bare one ("12345") is only unique within its
 * publisher, so it is qualified with the feed's host lest two outlets' item 12345 collide.
 */
export function itemKeyOf(item: Pick<FeedItem, 'id'>, feedUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(item.id)) return item.id;
  let host = 'feed';
  try {
    host = new URL(feedUrl).host;
  } catch {
    // The URL was validated when the source was saved; a bad one never reaches here in practice.
  }
  return `guid:${host}:${item.id}`;
}

export interface SourceRef {
  id: number;
  name: string;
  url: string;
}

/** The report to ingest for one feed item, or why it cannot be one. */
export function toIncomingReport(item: FeedItem, source: SourceRef): IncomingReport | { error: string } {
  const title = item.title.trim().slice(0, MAX_ITEM_TITLE) || null;
  const text = (item.text.trim() || title || '').slice(0, MAX_ITEM_TEXT);
  if (!text) return { error: 'the item has neither a title nor any text' };
  return {
    sourceId: source.id,
    // A relayed story keeps its own outlet; the feed stays known through sourceId.
    sourceName: item.outlet?.slice(0, 200) ?? source.name,
    itemKey: itemKeyOf(item, source.url),
    url: item.url,
    title,
    text,
    publishedAt: item.publishedAt,
  };
}
