// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { incidents } from '@/db/schema';
import { builder, engineOf, execute, rows as sqlRows } from '@/db/engine';
import { sql } from 'drizzle-orm';
import { incidentConditions } from '@/db/queries/incident-filter-sql';
import { indexedFilter } from '@/db/queries/incident-index';
import { listIncidents } from '@/db/queries/incidents';
import type { Facets } from '@/db/queries/facets';
import { scopeSql } from '@/db/queries/alert-queries';
import { ruleScopeSchema } from '@/lib/alerts/rule-schema';
import { matchesScope } from '@/lib/alerts/scope';
import { Rng } from '@/lib/demo/prng';
import { DATASET_NAMES, datasetMask } from '@/lib/datasets/dataset-bits';
import { FILTER_FIELD_NAMES, matchesTerms, normaliseFilter, type FilterField, type FilterableIncident } from '@/lib/filters/definition';
import { matchesFilter } from '@/lib/filters/match';
import { VIEW_PARAM_NAMES, viewFilterSchema, type ViewFilter } from '@/lib/filters/schema';
import { countMatching, forEachMatching } from '@/lib/incident-index/query';
import type { IncidentItem } from '@/lib/incidents/item';
import { addToFacets, canPatch } from '@/lib/live/patch-incident';
import { EVENT_TYPES, SUB_EVENT_TYPES } from '@/lib/taxonomy/event-types';
import { dayToDate } from '@/lib/time/zone';
import { incidentFilterSchema } from '@/lib/validation/incident-filter';
import { useTempDb, type TempDb } from '../support/api-db';
import { incidentBody, storeIncidents } from '../support/api-factory';
import { GROUPS, PLACES, randomOccurredAt } from '../support/random-incidents';

/**
 * The filter's one definition (lib/filters/definition.ts) against every implementation of it:
 * the SQL condition, the in-memory index (block and row paths), the browser matcher, the
 * live-cache facet patch and the alert scope (JS and SQL). One property per field, then random
 * combinations; a failure names the field and the implementation that drifted.
 */
const KINDS = [
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Explosions/Remote violence', 'Suicide bomb'],
  ['Battles', 'Armed clash'],
  ['Violence against civilians', 'Attack'],
  ['Violence against civilians', 'Abduction/forced disappearance'],
];
const WORDS = ['checkpoint', 'Police', 'market', 'convoy', 'café', 'IED-blast', 'school'];
/** More rows than one index block (4096), so whole blocks are summed and row-checked too. */
const ROWS = 4_400;
const FIRST_DAY = 20_000;

function randomBody(rng: Rng, i: number): Record<string, unknown> {
  const occurredAt = randomOccurredAt(rng, FIRST_DAY);
  const [eventType, subEventType] = rng.pick(KINDS);
  const place = rng.pick(PLACES);
  return incidentBody({
    // Every origin the dataset filter maps: the datasets' own, the simulator's (demo), the API's and any other (api).
    source: rng.pick(['acled', 'ucdp', 'gtd', 'report', 'demo', 'simulator', 'api', 'native', 'partner-feed']),
    sourceId: `d-${i}`,
    occurredAt,
    country: 'PK',
    ...place,
    lat: place.lat + rng.int(-20, 20) / 100,
    lon: place.lon + rng.int(-20, 20) / 100,
    group: rng.pick(GROUPS),
    eventType,
    subEventType,
    killed: rng.chance(0.2) ? null : rng.int(0, 12),
    injured: null,
    claimStatus: rng.pick(['claimed', 'unclaimed', 'unclaimed', 'disputed']),
    notes: `${rng.pick(WORDS)} ${rng.chance(0.5) ? rng.pick(WORDS) : ''} attack ${i}.`,
  });
}

let t: TempDb;
let rows: FilterableIncident[];
/** The rows without their text, by id: what the browser can know of an item. */
let untexted: Map<number, FilterableIncident>;
/** API items for the browser-side checks: a spread sample (each one is matched per check). */
let items: IncidentItem[];

beforeAll(async () => {
  t = await useTempDb({ timeZone: 'Asia/Karachi' });
  const rng = new Rng(101);
  await storeIncidents(
    t.store,
    Array.from({ length: ROWS }, (_, i) => randomBody(rng, i)),
  );
  // Reports merged into incidents raise their source count; spread it so minSources has edges to find.
  await execute(t.store, sql`UPDATE incidents SET source_count = 1 + (id * 7919) % 5`);
  // Merges add datasets to the kept incident: spread them over a third of the rows.
  await execute(t.store, sql`UPDATE incidents SET merged_datasets = (id * 40503) % 64 WHERE id % 3 = 0`);
  const stored = await sqlRows<FilterableIncident & { source: string; mergedDatasets: number }>(
    t.store,
    sql`SELECT id, occurred_at AS "occurredAt", occurred_day AS "occurredDay", group_id AS "groupId", region, event_type AS "eventType",
        sub_event_type AS "subEventType", killed, lat, lon, source_count AS "sourceCount", claim_status AS "claimStatus",
        source, merged_datasets AS "mergedDatasets",
        concat_ws(' ', location, admin3, admin2, admin1, actor1, assoc_actors, actor2, group_id, notes) AS text
       FROM incidents`,
  );
  // The datasets as the definition's side computes them (lib/datasets), not as the SQL does.
  rows = stored.map(({ source, mergedDatasets, ...r }) => ({ ...r, datasets: datasetMask(source, mergedDatasets) }));
  const all: IncidentItem[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await listIncidents(t.store, incidentFilterSchema.parse({ limit: 1000, cursor }));
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  items = all.filter((_, i) => i % 8 === 0);
  untexted = new Map(rows.map((r) => [r.id, { ...r, text: undefined }]));
});
afterAll(() => t.cleanup());

const sorted = (ids: number[]) => ids.sort((a, b) => a - b);
const noFacets: Facets = { total: 0, killed: 0, demo: 0, groups: [], regions: [], eventTypes: [], subEventTypes: [], choropleth: [] };

async function sqlIds(f: ViewFilter): Promise<number[]> {
  const found = await builder(t.store)
    .select({ id: incidents.id })
    .from(incidents)
    .where(incidentConditions(f, engineOf(t.store)));
  return sorted(found.map((r) => r.id));
}

async function indexIds(f: ViewFilter): Promise<{ ids: number[]; count: number }> {
  const { index, f: compiled } = await indexedFilter(t.store, f);
  const ids: number[] = [];
  forEachMatching(index, compiled, (c, i) => ids.push(c.id[i]));
  return { ids: sorted(ids), count: countMatching(index, compiled) };
}

/** The alert scope with the filter's group, region and type, where a rule could have them. */
function checkScope(f: ViewFilter, label: string): void {
  const parsed = ruleScopeSchema.safeParse({ group: f.group, region: f.region?.filter((r) => r !== 'none'), type: f.type });
  if (!parsed.success || (!f.group && !f.region && !f.type)) return;
  const scope = parsed.data;
  const terms = normaliseFilter(scope);
  const expected = sorted(rows.filter((i) => matchesTerms(terms, i)).map((i) => i.id));
  expect(sorted(rows.filter((i) => matchesScope(scope, i)).map((i) => i.id)), `alert scope (JS) ${label}`).toEqual(expected);
  // The alert scope's SQL is SQLite's (db/queries/alert-queries.ts) until it runs on both engines.
  if (t.engine !== 'sqlite') return;
  const { where, params } = scopeSql(scope);
  const viaSql = t.db.$client
    .prepare(`SELECT id FROM incidents WHERE 1${where}`)
    .pluck()
    .all(...params) as number[];
  expect(sorted(viaSql), `alert scope (SQL) ${label}`).toEqual(expected);
}

/** Every implementation against the definition, for one filter. */
async function checkFilter(f: ViewFilter): Promise<void> {
  const label = JSON.stringify(f);
  const terms = normaliseFilter(f);
  const expected = sorted(rows.filter((i) => matchesTerms(terms, i)).map((i) => i.id));
  expect(await sqlIds(f), `SQL ${label}`).toEqual(expected);
  const index = await indexIds(f);
  expect(index.ids, `index rows ${label}`).toEqual(expected);
  expect(index.count, `index count (blocks) ${label}`).toBe(expected.length);
  // The browser has no text: the definition leaves `q` undecided there (a possible match).
  const local = (i: IncidentItem, tm: typeof terms) => matchesTerms(tm, untexted.get(i.id)!);
  const drift: string[] = [];
  const same = (what: string, item: IncidentItem, got: boolean, want: boolean) =>
    got !== want && drift.push(`${what} #${item.id}: ${got}, definition: ${want}`);
  for (const item of items) {
    const want = local(item, terms);
    same('browser matcher', item, matchesFilter(item, f), want);
    if (!canPatch(f)) continue;
    const patched = addToFacets(noFacets, item, f);
    same('live patch total', item, patched.total === 1, want);
    same('live patch groups', item, patched.groups.length === 1, local(item, { ...terms, group: null }));
    same('live patch regions', item, patched.regions.length === 1, local(item, { ...terms, region: null }));
    same('live patch types', item, patched.eventTypes.length === 1, local(item, { ...terms, type: null }));
  }
  expect(drift.slice(0, 5), label).toEqual([]);
  checkScope(f, label);
}

// Parameter values that land on the data's edges: its days, instants ±1 ms, names in other spellings, coordinates.
const pickRow = fc.integer({ min: 0, max: ROWS - 1 }).map((i) => rows[i]);
const instant = fc.tuple(pickRow, fc.constantFrom(-1, 0, 1)).map(([r, d]) => new Date(r.occurredAt + d).toISOString());
const date = fc.integer({ min: -2, max: 62 }).map((d) => dayToDate(FIRST_DAY + d));
const list = (values: string[]) => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }).map((v) => v.join(','));
const PARAMS: Record<FilterField, fc.Arbitrary<string>> = {
  from: fc.oneof(date, instant),
  to: fc.oneof(date, instant),
  group: list(['ttp', 'bla', 'iskp', 'unknown', 'some-new-front', 'TTP', 'no-such-group']),
  region: list(['kp', 'balochistan', 'barmal', 'tajikistan', 'none']),
  type: list([...EVENT_TYPES.slice(0, 3), ...SUB_EVENT_TYPES.slice(0, 8), 'suicide  bomb', 'BATTLES', 'armed clash', 'Drive-by']),
  minKilled: fc.integer({ min: 0, max: 13 }).map(String),
  minSources: fc.integer({ min: 1, max: 6 }).map(String),
  claimStatus: list(['claimed', 'unclaimed', 'disputed']),
  source: list([...DATASET_NAMES]),
  q: fc.oneof(
    fc.constantFrom('"', '--', 'nothing-matches', 'CAFE', 'ied blast', 'peshawar police', 'ttp', 'some front', 'Unidentified'),
    fc.tuple(fc.constantFrom(...WORDS, 'Quetta', 'Bannu', 'khyber'), fc.integer({ min: 1, max: 8 })).map(([w, n]) => w.slice(0, n)),
  ),
  bbox: fc
    .tuple(pickRow, pickRow)
    .map(([a, b]) => [Math.min(a.lon, b.lon), Math.min(a.lat, b.lat), Math.max(a.lon, b.lon), Math.max(a.lat, b.lat)].join(',')),
};
const parse = (params: Record<string, string>) => viewFilterSchema.parse(params);

describe('one filter definition', () => {
  it('declares every parameter of the view filter', () => {
    expect([...FILTER_FIELD_NAMES].sort()).toEqual([...VIEW_PARAM_NAMES].sort());
  });

  it.each(FILTER_FIELD_NAMES)('%s: SQL, index, browser, live patch and alert scope agree with it', async (field) => {
    await fc.assert(
      fc.asyncProperty(PARAMS[field], (value) => checkFilter(parse({ [field]: value }))),
      { numRuns: 40 },
    );
  });

  it('every combination of fields agrees with it', async () => {
    const combo = fc.record(PARAMS, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(combo, (params) => checkFilter(parse(params))),
      { numRuns: 150 },
    );
  });

  it('source: a merged incident answers for each of its datasets, the full list is no condition', async () => {
    const merged = rows.find((r) => r.datasets === (1 | 2 | 4 | 32) || (r.datasets & 3) === 3)!;
    expect(merged, 'a row with two datasets').toBeDefined();
    for (const s of ['acled', 'ucdp'])
      if (merged.datasets & (s === 'acled' ? 1 : 2)) expect(await sqlIds(parse({ source: s }))).toContain(merged.id);
    expect(normaliseFilter(parse({ source: DATASET_NAMES.join(',') })).source).toBeNull();
    expect(viewFilterSchema.safeParse({ source: 'acled,nope' }).error?.issues[0]).toMatchObject({ path: ['source'] });
    await checkFilter(parse({ source: 'api' }));
  });

  it('reads type names in any spelling everywhere (the browser once compared raw strings)', async () => {
    const f = parse({ type: 'suicide  bomb' });
    expect(f.type).toEqual(['suicide  bomb']);
    expect((await sqlIds(f)).length).toBeGreaterThan(0);
    await checkFilter(f);
  });
});
