import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '@/db/connection';
import { migrateSqlite } from '@/db/migrate';
import { transact } from '@/db/engine';
import type { Store } from '@/db/store';
import { loadGroupMatcher, loadGroupMatcherSync, writeIncidents, writeIncidentsSync, type Dataset } from '@/db/services/ingest';
import type { GroupMatcher } from '@/lib/taxonomy/groups';
import { incidentInputSchema, type IncidentInput } from '@/lib/incidents/input';
import { normalizeIncident } from '@/lib/incidents/normalize';

export const TZ = 'Asia/Karachi';

/** A BLA armed clash in Quetta: the place and kind of the incidents the live-update tests write. */
export const QUETTA_CLASH = {
  country: 'PK',
  admin1: 'Balochistan',
  location: 'Quetta',
  lat: 30.18,
  lon: 67.0,
  eventType: 'Battles',
  subEventType: 'Armed clash',
  group: 'bla',
} satisfies Partial<IncidentInput>;

/** A fresh migrated SQLite file; also points the app's getDb() at it. */
export function tempDb(): { db: Db; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'fw-map-')), 'test.db');
  process.env.DATABASE_PATH = path;
  process.env.DEMO_DATA = 'false';
  process.env.REPORT_TIME_ZONE = TZ;
  const db = openDatabase(path);
  migrateSqlite(db, { reportTimeZone: TZ });
  return { db, path };
}

const PLACES = [
  { country: 'PK', admin1: 'Khyber Pakhtunkhwa', location: 'Peshawar', lat: 34.008, lon: 71.578 },
  { country: 'PK', admin1: 'Khyber Pakhtunkhwa', location: 'Bannu', lat: 32.985, lon: 70.604 },
  { country: 'PK', admin1: 'Balochistan', location: 'Quetta', lat: 30.184, lon: 67.001 },
  { country: 'PK', admin1: 'Balochistan', location: 'Gwadar', lat: 25.122, lon: 62.325 },
  { country: 'TJ', admin1: 'Khatlon', location: 'Bokhtar', lat: 37.837, lon: 68.778 },
];
const GROUPS = ['ttp', 'bla', 'iskp', 'unknown'];
const TYPES = [
  ['Explosions/Remote violence', 'Suicide bomb'],
  ['Battles', 'Armed clash'],
  ['Violence against civilians', 'Attack'],
] as const;

type SeedOptions = { start?: string; dataset?: Dataset; override?: Partial<IncidentInput> };

/** `n` deterministic incidents spread over days from `startDay`, groups, places and types. */
function seedRows(matcher: GroupMatcher, n: number, opts: SeedOptions) {
  const start = Date.parse(`${opts.start ?? '2024-01-01'}T06:00:00Z`);
  return Array.from({ length: n }, (_, i) => {
    const place = PLACES[i % PLACES.length];
    const [eventType, subEventType] = TYPES[i % TYPES.length];
    const input = incidentInputSchema.parse({
      source: 'test',
      sourceId: `t-${opts.start ?? ''}-${i}`,
      occurredAt: new Date(start + i * 86_400_000 * 2).toISOString(),
      ...place,
      eventType,
      subEventType,
      group: GROUPS[i % GROUPS.length],
      killed: i % 5,
      injured: i % 3,
      crossBorder: i % 7 === 0,
      ...opts.override,
    });
    return normalizeIncident(input, { matcher, timeZone: TZ, sourceId: `t-${i}` });
  });
}

/** seedRows written on a SQLite connection, synchronously. */
export function seedIncidents(db: Db, n: number, opts: SeedOptions = {}): number[] {
  const rows = seedRows(loadGroupMatcherSync(db), n, opts);
  return db.$client.transaction(() => writeIncidentsSync(db, rows, { dataset: opts.dataset ?? 'live' })).immediate().insertedIds;
}

/** seedRows written on the store of either engine (tests/support/engine.ts). */
export async function seedIncidentsIn(store: Store, n: number, opts: SeedOptions = {}): Promise<number[]> {
  const rows = seedRows(await loadGroupMatcher(store), n, opts);
  return transact(store, async (tx) => (await writeIncidents(tx, rows, { dataset: opts.dataset ?? 'live' })).insertedIds);
}
