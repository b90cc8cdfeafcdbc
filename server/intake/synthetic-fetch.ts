import type { Store } from '@/db/store';
import { fetchFeed } from './feed';
import { ingestReports } from './ingest-reports';

export interface SyntheticFetchResult {
  fetched: number;
  created: number;
  duplicates: number;
}

/**
 * One fetch of the simulator's feed through the normal path: a conditional GET by fetchFeed,
 * every item through ingestReports under its GUID. `validators` carries the ETag between calls,
 * so an unchanged feed costs a 304.
 */
export async function fetchSyntheticSource(
  store: Store,
  source: { id: number; name: string; url: string },
  validators: { etag: string | null; lastModified: string | null },
  ctx: { timeZone: string; now: () => number },
): Promise<SyntheticFetchResult> {
  const feed = await fetchFeed(source.url, validators);
  if (feed.status === 'not-modified') return { fetched: 0, created: 0, duplicates: 0 };
  validators.etag = feed.etag;
  validators.lastModified = feed.lastModified;
  const items = feed.items.map((i) => ({
    sourceId: source.id,
    sourceName: source.name,
    itemKey: i.id,
    url: i.url,
    title: i.title,
    text: i.text,
    publishedAt: i.publishedAt,
  }));
  const r = ingestReports(store, items, { timeZone: ctx.timeZone, now: ctx.now() });
  return { fetched: items.length, created: r.created.length, duplicates: r.duplicates };
}
