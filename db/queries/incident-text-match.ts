/**
 * Free text answered from the in-memory word index (incident-text-pg.ts) on PostgreSQL, with the
 * GIN search's meaning: every word of the query a prefix term, all required. Answers `undefined`
 * when only the GIN search can answer (no word index on this index object, or a word PostgreSQL
 * turns into a phrase); textMatches (incident-index.ts) then asks the database.
 */
import type { Store } from '@/db/connection';
import { processSingleton } from '@/lib/registry';
import type { TextMatches } from '@/lib/incident-index/compile';
import type { IncidentIndex } from '@/lib/incident-index/incident-index';
import { queryTerms } from '@/lib/incident-index/text-tokens';
import { toTsQuery } from '@/lib/validation/fts';
import { pgQueryLexemes, textIndexOf } from './incident-text-pg';

/** The dashboard asks list, facets, timeline and map with one `q`: answers kept per index object. */
const CACHE_SIZE = 16;
const caches = processSingleton(
  'incidentTextMatchCaches',
  () => new WeakMap<IncidentIndex, Map<string, { seq: number; text: TextMatches }>>(),
);

export async function memoryTextMatches(store: Store, q: string, index: IncidentIndex): Promise<TextMatches | null | undefined> {
  const words = textIndexOf(index);
  if (!words) return undefined;
  const parsed = queryTerms(q);
  if (parsed.kind === 'none') return null;
  let terms: string[] | null;
  if (parsed.kind === 'terms') terms = parsed.terms;
  else {
    // toTsQuery is non-null here: queryTerms found words.
    terms = await pgQueryLexemes(store, toTsQuery(q)!);
    if (terms === null) return undefined;
  }
  const maxId = index.maxId;
  if (!terms.length) return { ids: [], maxId, mask: new Uint8Array(maxId + 1) };
  let cache = caches.get(index);
  if (!cache) caches.set(index, (cache = new Map<string, { seq: number; text: TextMatches }>()));
  const key = [...terms].sort().join('\u0000');
  const hit = cache.get(key);
  if (hit && hit.seq === index.seq) return hit.text;
  const seq = index.seq;
  const found = words.match(terms, maxId + 1);
  const text: TextMatches = {
    get ids() {
      return found.ids;
    },
    maxId: found.mask.length - 1,
    mask: found.mask,
  };
  cache.delete(key);
  cache.set(key, { seq, text });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return text;
}
