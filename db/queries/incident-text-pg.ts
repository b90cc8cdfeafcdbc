/**
 * The in-memory word index (lib/incident-index/text-index.ts) on PostgreSQL: built in the same
 * snapshot and the same keyset scan as the incident index (incident-index-pg.ts), kept current by
 * the same outbox catch-up, and asked before the GIN search (incident-index.ts, textMatches).
 *
 * Each row's search document is the text of incidents_search_doc (db/migrations-pg 0001). ASCII
 * documents are split here (lib/incident-index/text-tokens.ts: the engine's words exactly); any
 * other comes with its lexemes as PostgreSQL indexes them (`tsvector_to_array(search_doc(…))`),
 * so unaccent, NFKC and the database's letter classes are the engine's own. Query words outside
 * ASCII are folded by `to_tsquery` itself.
 */
import { sql } from 'drizzle-orm';
import type { Store } from '@/db/connection';
import { rows } from '@/db/engine';
import { incidents } from '@/db/schema';
import { processSingleton } from '@/lib/registry';
import type { IncidentIndex } from '@/lib/incident-index/incident-index';
import { TextIndexBuilder, type TextIndex } from '@/lib/incident-index/text-index';
import { compactText } from '@/lib/incident-index/text-compact';
import { MAX_EXTRA } from '@/lib/incident-index/incident-index';
import { asciiDocWords } from '@/lib/incident-index/text-tokens';

const i = incidents;
const doc = sql`concat_ws(' ', ${i.location}, ${i.admin3}, ${i.admin2}, ${i.admin1}, ${i.actor1}, ${i.assocActors}, ${i.actor2}, ${i.groupId}, ${i.notes})`;

/** Extra columns of the index's row reads: the ASCII document, or the engine's lexemes of another. */
export const textColumns = {
  searchText: sql<string | null>`CASE WHEN octet_length(${doc}) = length(${doc}) THEN ${doc} END`,
  searchLexemes: sql<
    string[] | null
  >`CASE WHEN octet_length(${doc}) <> length(${doc}) THEN tsvector_to_array(public.search_doc(${doc})) END`,
};
export interface TextColumns {
  searchText: string | null;
  searchLexemes: string[] | null;
}

/** The words of one row read with textColumns. */
export const rowWords = (r: TextColumns): string[] => (r.searchText !== null ? asciiDocWords(r.searchText)! : (r.searchLexemes ?? []));

// Kept beside each index object (shared by every route's module graph, lib/registry.ts).
const texts = processSingleton('incidentTextIndexes', () => new WeakMap<IncidentIndex, TextIndex>());

export const textIndexOf = (index: IncidentIndex): TextIndex | undefined => texts.get(index);

/** Collects the rows of a full load (ascending ids), then hangs the word index on the incident index. */
export function textLoader(): { add(r: { id: number } & TextColumns): void; attach(index: IncidentIndex): void } {
  const b = new TextIndexBuilder();
  return {
    add: (r) => (r.searchText !== null ? b.addAscii(r.id, r.searchText) : b.add(r.id, r.searchLexemes ?? [])),
    attach: (index) => void texts.set(index, b.finish()),
  };
}

/** Applies a catch-up's re-read rows and removals to the index's word index. */
export function catchUpText(index: IncidentIndex, found: readonly ({ id: number } & TextColumns)[], removed: readonly number[]): void {
  const text = texts.get(index);
  if (!text) return;
  for (const r of found) text.set(r.id, rowWords(r));
  for (const id of removed) text.set(id, null);
  // Every search scans the overlay: past as many documents as the incident index keeps aside,
  // it is folded into the lists.
  if (text.changes.size > MAX_EXTRA) texts.set(index, compactText(text));
}

const LEXEME = /^'((?:[^']|'')*)':\*$/;

/**
 * Query words outside ASCII, folded by PostgreSQL: the prefix lexemes of `to_tsquery(…)` (no table
 * is read). Null when the engine made more of it than an AND of prefix lexemes (a word its parser
 * splits in two becomes a phrase, which only the GIN search answers); [] when it kept no word.
 */
export async function pgQueryLexemes(store: Store, tsQuery: string): Promise<string[] | null> {
  const [{ q }] = await rows<{ q: string }>(store, sql`SELECT to_tsquery('public.frontier_search', ${tsQuery})::text AS q`);
  if (q.trim() === '') return [];
  const out: string[] = [];
  for (const part of q.split(' & ')) {
    const m = LEXEME.exec(part.trim());
    if (!m) return null;
    out.push(m[1].replace(/''/g, "'"));
  }
  return out;
}
