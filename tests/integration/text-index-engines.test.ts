// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { sqlOf } from '@/db/connection';
import { builder, rows } from '@/db/engine';
import { incidents } from '@/db/schema';
import type { Store } from '@/db/store';
import { incidentIndex } from '@/db/queries/incident-index';
import { memoryTextMatches } from '@/db/queries/incident-text-match';
import { pgTextCondition } from '@/db/queries/incident-filter-sql';
import { listIncidents } from '@/db/queries/incidents';
import { deleteIncident, patchIncident } from '@/db/services/incident-writes';
import { TextIndex } from '@/lib/incident-index/text-index';
import { asciiDocWords, queryTerms } from '@/lib/incident-index/text-tokens';
import { incidentFilterSchema } from '@/lib/validation/incident-filter';
import { incidentBody, storeIncidents } from '../support/api-factory';
import { openTestStore, testEngine, type TestStore } from '../support/engine';
import { HOSTILE_QUERIES, sqliteFtsIds } from '../support/fts-ids';

/**
 * The in-memory word index against the engine's own full-text search over a corpus of
 * punctuation, Urdu/Pashto/Dari and Cyrillic script, accents, ligatures, digits, hyphens and
 * over-long words. PostgreSQL serves `q` from it (the production path: incidentIndex's word
 * index, memoryTextMatches); SQLite keeps FTS5, and here its ASCII words are checked against FTS5
 * (other documents take FTS5's own tokens through fts5vocab, as PostgreSQL's take its lexemes).
 */
const LONG = 'w'.repeat(2100);
const CORPUS: Record<string, string>[] = [
  { notes: 'Mīr Ali checkpoint attack', location: 'Mir Ali' },
  { notes: 'claimed by Jaish-ul-Adl', actor1: 'Jaish al-Adl' },
  { notes: 'پشاور میں دھماکہ', location: 'پشاور' },
  { notes: 'د پېښور په ښار کې چاودنه', location: 'Peshawar' },
  { notes: 'انفجار در جلال‌آباد' },
  { notes: 'reported at www.dawn.com/news/1' },
  { notes: "O'Brien: AND/OR NOT (x) & y | !z" },
  { notes: 'Attack on 12/05/2024 killed 3; ids 007, 1e5, x1y2, 3rd' },
  { notes: 'Łódź straße Øst æble' },
  { notes: 'ﬁre at the depot' },
  { notes: 'دَھماکہ with harakat' },
  { notes: 'Jalālābād — Nangarhār', location: 'Jalalabad' },
  { notes: 'TTP’s attack near Bannu-based camp' },
  { notes: `${LONG} tail` },
  { notes: 'BANNU bannu north_waziristan Dera Ismail Khan D.I.Khan' },
  { notes: 'Душанбе Хатлон ДУШАНБЕ', location: 'Душанбе' },
  { notes: 'سال ۲۰۲۴ and ٢٠٢٤' },
  { notes: 'İstanbul ＴＴＰ full-width' },
];
const QUERIES = [
  'mir al',
  'MĪR',
  'jaish ul',
  'jaïsh',
  'adl',
  'پشا',
  'پښ',
  'ښار',
  'جلال',
  'آباد',
  'dawn',
  'dawn.com',
  'news 1',
  'bannu',
  'ban',
  'brien',
  '12 2024',
  '007',
  '1e5',
  'x1',
  '3rd',
  'lodz',
  'łódź',
  'strasse',
  'straße',
  'ost',
  'fire',
  'ﬁre',
  'دھماکہ',
  'دَ',
  'jalalabad',
  'nangarhar',
  'ttp s',
  'ttp',
  'душ',
  'ДУШАНБЕ',
  'хатлон',
  '۲۰',
  '2024',
  'www',
  LONG.slice(0, 30),
  `${LONG} tail`,
  'w'.repeat(2048),
  'dera khan',
  'd i khan',
  'north waz',
  'istanbul',
  'İst',
  'full width',
  'peshawar',
  'attack',
  'a',
  'e',
  ...HOSTILE_QUERIES,
];

let t: TestStore;
let store: Store;
let ids: number[];

beforeAll(async () => {
  t = await openTestStore();
  store = t.store;
  ids = await storeIncidents(store, [
    ...CORPUS.map((c) => incidentBody(c)),
    ...Array.from({ length: 30 }, (_, k) => incidentBody({ notes: `Filler ${k} near Quetta.` })),
  ]);
});
afterAll(() => t.close());

/** The engine's own search: FTS5 MATCH or the GIN search, ids ascending. */
async function engineIds(q: string): Promise<number[]> {
  if (testEngine === 'sqlite') return sqliteFtsIds(sqlOf(store).$client, q);
  const cond = pgTextCondition(q);
  if (!cond) return [];
  return (await builder(store).select({ id: incidents.id }).from(incidents).where(cond).orderBy(incidents.id)).map((r) => r.id);
}

/** SQLite: the word index built from the rows (ASCII words here, FTS5's tokens for the rest). */
async function sqliteWordIndex(): Promise<TextIndex> {
  const docs = await rows<{ id: number; doc: string }>(
    store,
    sql`SELECT id, concat_ws(' ', location, admin3, admin2, admin1, actor1, assoc_actors, actor2, group_id, notes) AS doc FROM incidents`,
  );
  const client = sqlOf(store).$client;
  client.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_words USING fts5vocab(main, incidents_fts, instance)');
  const tokens = client.prepare('SELECT term FROM temp.fts_words WHERE doc = ?').pluck();
  return TextIndex.build(docs.map((d) => ({ id: d.id, words: asciiDocWords(d.doc, Infinity) ?? (tokens.all(d.id) as string[]) })));
}

async function memoryIds(q: string): Promise<number[] | 'engine'> {
  if (testEngine === 'postgres') {
    const m = await memoryTextMatches(store, q, await incidentIndex(store));
    if (m === undefined) return 'engine';
    return m === null ? [] : Array.from(m.ids);
  }
  const parsed = queryTerms(q, Infinity);
  if (parsed.kind === 'engine') return 'engine';
  if (parsed.kind === 'none') return [];
  const index = await sqliteWordIndex();
  return [...index.match(parsed.terms, Math.max(...ids) + 1).ids];
}

describe(`the in-memory word index answers as the ${testEngine} search`, () => {
  it('finds the same incidents for every query of the corpus', async () => {
    let inMemory = 0;
    let found = 0;
    for (const q of QUERIES) {
      const want = await engineIds(q);
      const got = await memoryIds(q);
      if (want.length) found++;
      if (got === 'engine') continue;
      inMemory++;
      expect(got, q.slice(0, 40)).toEqual(want);
    }
    // Every query has an answer from memory on PostgreSQL (no word of this corpus becomes a
    // phrase); on SQLite the ASCII ones.
    expect(inMemory).toBe(testEngine === 'postgres' ? QUERIES.length : QUERIES.filter((q) => queryTerms(q).kind !== 'engine').length);
    expect(found).toBeGreaterThan(35);
  });

  it.runIf(testEngine === 'postgres')('follows edits, deletes and inserts through the outbox catch-up', async () => {
    const search = async (q: string) =>
      (await listIncidents(store, incidentFilterSchema.parse({ q, limit: '200' }))).items.map((i) => i.id).sort((a, b) => a - b);
    expect(await search('bannu')).toEqual(await engineIds('bannu'));
    await patchIncident(store, ids[0], { notes: 'Rewritten: Bannu cantonment' }, { timeZone: 'Asia/Karachi' });
    await deleteIncident(store, ids[14]);
    const [added] = await storeIncidents(store, [incidentBody({ notes: 'New blast in Bannu, پشاور too' })]);
    for (const q of ['bannu', 'mir', 'checkpoint', 'پشا', 'cantonment', 'blast', 'north']) {
      expect(await search(q), q).toEqual(await engineIds(q));
      expect((await memoryTextMatches(store, q, await incidentIndex(store))) !== undefined, q).toBe(true);
    }
    expect(await search('blast')).toContain(added);
    expect(await search('checkpoint')).not.toContain(ids[0]);
  });
});
