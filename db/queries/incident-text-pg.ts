/**
 * The in-memory word index (lib/incident-index/text-index.ts) on PostgreSQL: built in the same
 * snapshot and the same keyset scan as the incident index (incident-index-pg.ts), kept current by
 * the same outbox catch-up, and asked before the GIN search (incident-index.ts, textMatches).
 *
 * Each row's search document is the text of incidents_search_doc (db/migrations-pg 0001), read
 * once per row. ASCII documents are split here (lib/incident-index/text-tokens.ts: the engine's
 * words exactly); for any other the lexemes PostgreSQL indexed are read from the stored `search`
 * column (db/migrations-pg 0009, kept current by its triggers), so unaccent, NFKC and the
 * database's letter classes are the engine's own and no document is computed twice. Query words
 * outside ASCII are folded by `to_tsquery` itself.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Store } from '@/db/connection';
import { builder, rows } from '@/db/engine';
import { incidents } from '@/db/schema';
import { processSingleton } from '@/lib/registry';
import type { IncidentIndex } from '@/lib/incident-index/incident-index';
import { TextIndexBuilder, type TextIndex } from '@/lib/incident-index/text-index';
import { compactText } from '@/lib/incident-index/text-compact';
import { MAX_EXTRA } from '@/lib/incident-index/incident-index';
import { asciiDocWords, isAscii } from '@/lib/incident-index/text-tokens';

const i = incidents;
const doc = sql<string>`concat_ws(' ', ${i.location}, ${i.admin3}, ${i.admin2}, ${i.admin1}, ${i.actor1}, ${i.assocActors}, ${i.actor2}, ${i.groupId}, ${i.notes})`;

/**
 * Extra column of the index's row reads: the document's text. Deciding in SQL which rows are ASCII
 * evaluated the concatenation up to five times a row (most of the load's database CPU); Node tells
 * ASCII from one read of it, and asks for the few other rows' lexemes (rowLexemes).
 */
export const textColumns = { searchText: doc };
export interface TextColumns {
  searchText: string;
}
type TextRow = { id: number } & TextColumns;

/** Ids per lexeme read: well under PostgreSQL's 65,535 bind parameters. */
const LEXEME_CHUNK = 5_000;

/**
 * The engine's lexemes of the rows whose document is not all ASCII, from the stored `search`
 * column, read in the caller's transaction (the load's or catch-up's snapshot): id → lexemes.
 */
async function rowLexemes(tx: Store, found: readonly TextRow[]): Promise<Map<number, string[]>> {
  const ids = found.filter((r) => !isAscii(r.searchText)).map((r) => r.id);
  const out = new Map<number, string[]>();
  for (let k = 0; k < ids.length; k += LEXEME_CHUNK) {
    const read = await builder(tx)
      .select({ id: i.id, lexemes: sql<string[] | null>`tsvector_to_array(${i}.search)` })
      .from(i)
      .where(inArray(i.id, ids.slice(k, k + LEXEME_CHUNK)));
    // A row without a stored document (none should be: 0009's triggers fill it) matches no search.
    for (const r of read) out.set(r.id, r.lexemes ?? []);
  }
  return out;
}

// Kept beside each index object (shared by every route's module graph, lib/registry.ts).
const texts = processSingleton('incidentTextIndexes', () => new WeakMap<IncidentIndex, TextIndex>());

export const textIndexOf = (index: IncidentIndex): TextIndex | undefined => texts.get(index);

/** Collects the rows of a full load (ascending ids, chunk by chunk), then hangs the word index on the incident index. */
export function textLoader(): { add(tx: Store, chunk: readonly TextRow[]): Promise<void>; attach(index: IncidentIndex): void } {
  const b = new TextIndexBuilder();
  return {
    add: async (tx, chunk) => {
      const lexemes = await rowLexemes(tx, chunk);
      for (const r of chunk) {
        const words = lexemes.get(r.id);
        if (words) b.add(r.id, words);
        else b.addAscii(r.id, r.searchText);
      }
    },
    attach: (index) => void texts.set(index, b.finish()),
  };
}

/** Applies a catch-up's re-read rows (read in `tx`) and removals to the index's word index. */
export async function catchUpText(tx: Store, index: IncidentIndex, found: readonly TextRow[], removed: readonly number[]): Promise<void> {
  const text = texts.get(index);
  if (!text) return;
  const lexemes = await rowLexemes(tx, found);
  for (const r of found) text.set(r.id, lexemes.get(r.id) ?? asciiDocWords(r.searchText)!);
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
