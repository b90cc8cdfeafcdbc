import { asc, eq } from 'drizzle-orm';
import { meta, sites, type SITE_KINDS } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Site } from '@/lib/alerts/types';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { bumpRulesVersion } from './alert-rule-store';
import { recordAudit } from './audit';

type SiteKind = (typeof SITE_KINDS)[number];
interface SeedSite {
  name: string;
  lat: number;
  lon: number;
  kind: SiteKind;
  example: boolean;
  notes: string;
}

/**
 * Border crossings are real places. Project locations are approximate, illustrative
 * examples (flagged `example`) for proximity rules; operators replace them with their own.
 */
export const SEED_SITES: SeedSite[] = [
  {
    name: 'Torkham border crossing',
    lat: 34.1126,
    lon: 71.0936,
    kind: 'border-crossing',
    example: false,
    notes: 'Khyber Pass crossing, Pakistan–Afghanistan',
  },
  {
    name: 'Chaman border crossing',
    lat: 30.921,
    lon: 66.4597,
    kind: 'border-crossing',
    example: false,
    notes: 'Chaman–Spin Boldak crossing, Pakistan–Afghanistan',
  },
  {
    name: 'Angoor Adda border crossing',
    lat: 32.5156,
    lon: 69.2825,
    kind: 'border-crossing',
    example: false,
    notes: 'South Waziristan–Paktika crossing',
  },
  {
    name: 'Ghulam Khan border crossing',
    lat: 33.1361,
    lon: 69.9833,
    kind: 'border-crossing',
    example: false,
    notes: 'North Waziristan–Khost crossing',
  },
  {
    name: 'Gwadar Port (example)',
    lat: 25.1122,
    lon: 62.3297,
    kind: 'cpec-project',
    example: true,
    notes: 'Example CPEC location, approximate',
  },
  {
    name: 'Dasu hydropower project (example)',
    lat: 35.2926,
    lon: 73.2154,
    kind: 'chinese-project',
    example: true,
    notes: 'Example Chinese-built project, approximate',
  },
  {
    name: 'Tajik mining site (example)',
    lat: 37.6,
    lon: 69.3,
    kind: 'chinese-project',
    example: true,
    notes: 'Illustrative Chinese mining project in Khatlon near the Afghan border; not a real site location',
  },
];

const SEEDED_KEY = 'sites_seeded';

/** Seeds the default sites once per database (a deleted seed site stays deleted). */
export function ensureSeedSites(store: Store, now = Date.now()): boolean {
  const db = sqlOf(store);
  if (db.select().from(meta).where(eq(meta.key, SEEDED_KEY)).get()) return false;
  for (const s of SEED_SITES)
    db.insert(sites)
      .values({ ...s, createdAt: now })
      .run();
  db.insert(meta)
    .values({ key: SEEDED_KEY, value: String(now) })
    .onConflictDoNothing()
    .run();
  bumpRulesVersion(db);
  return true;
}

export function listSites(store: Store): Site[] {
  const db = sqlOf(store);
  return db
    .select({ id: sites.id, name: sites.name, lat: sites.lat, lon: sites.lon, kind: sites.kind, example: sites.example })
    .from(sites)
    .orderBy(asc(sites.id))
    .all();
}

export function createSite(
  store: Store,
  input: { name: string; lat: number; lon: number; kind: SiteKind; example?: boolean; notes?: string | null },
  actor = 'system',
  now = Date.now(),
): Site {
  const db = sqlOf(store);
  return db.transaction(
    (tx) => {
      const row = tx
        .insert(sites)
        .values({
          name: input.name,
          lat: input.lat,
          lon: input.lon,
          kind: input.kind,
          example: input.example ?? false,
          notes: input.notes ?? null,
          createdAt: now,
        })
        .returning({ id: sites.id, name: sites.name, lat: sites.lat, lon: sites.lon, kind: sites.kind, example: sites.example })
        .get();
      bumpRulesVersion(tx);
      recordAudit(tx, { actor, action: 'create', entity: 'site', entityId: row.id, after: row, at: now });
      return row;
    },
    { behavior: 'immediate' },
  );
}

export function deleteSite(store: Store, id: number, actor = 'system'): void {
  const db = sqlOf(store);
  db.transaction(
    (tx) => {
      const before = tx.select().from(sites).where(eq(sites.id, id)).get();
      if (!before) throw new AppError('not_found', `No site ${id}.`);
      tx.delete(sites).where(eq(sites.id, id)).run();
      bumpRulesVersion(tx);
      recordAudit(tx, { actor, action: 'delete', entity: 'site', entityId: id, before });
    },
    { behavior: 'immediate' },
  );
}
