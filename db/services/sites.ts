import { asc, eq } from 'drizzle-orm';
import { meta, sites, type SITE_KINDS } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Site } from '@/lib/alerts/types';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { builder, transact } from '@/db/engine';
import { bumpRulesVersion, bumpRulesVersionSync } from './alert-rule-store';
import { audit } from './audit';

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

const SITE = { id: sites.id, name: sites.name, lat: sites.lat, lon: sites.lon, kind: sites.kind, example: sites.example };

/**
 * Seeds the default sites once per database (a deleted seed site stays deleted). The marker row
 * is claimed first with INSERT … ON CONFLICT DO NOTHING, so of several instances starting at once
 * only the one whose insert took the key seeds; the others see nothing inserted and stop.
 */
export async function ensureSeedSites(store: Store, now = Date.now()): Promise<boolean> {
  const [seeded] = await builder(store).select({ key: meta.key }).from(meta).where(eq(meta.key, SEEDED_KEY));
  if (seeded) return false;
  return transact(store, async (tx) => {
    const claimed = await builder(tx)
      .insert(meta)
      .values({ key: SEEDED_KEY, value: String(now) })
      .onConflictDoNothing()
      .returning({ key: meta.key });
    if (claimed.length === 0) return false;
    await builder(tx)
      .insert(sites)
      .values(SEED_SITES.map((s) => ({ ...s, createdAt: now })));
    await bumpRulesVersion(tx);
    return true;
  });
}

export async function listSites(store: Store): Promise<Site[]> {
  return builder(store).select(SITE).from(sites).orderBy(asc(sites.id));
}

/**
 * ensureSeedSites and listSites for the rule cache and the rule tester, which still run
 * synchronously inside better-sqlite3 transactions (SQLite only; they go once those callers are async).
 */
export function ensureSeedSitesSync(db: Db, now = Date.now()): boolean {
  if (db.select().from(meta).where(eq(meta.key, SEEDED_KEY)).get()) return false;
  for (const s of SEED_SITES)
    db.insert(sites)
      .values({ ...s, createdAt: now })
      .run();
  db.insert(meta)
    .values({ key: SEEDED_KEY, value: String(now) })
    .onConflictDoNothing()
    .run();
  bumpRulesVersionSync(db);
  return true;
}

export function listSitesSync(db: Db): Site[] {
  return sqlOf(db).select(SITE).from(sites).orderBy(asc(sites.id)).all();
}

export async function createSite(
  store: Store,
  input: { name: string; lat: number; lon: number; kind: SiteKind; example?: boolean; notes?: string | null },
  actor = 'system',
  now = Date.now(),
): Promise<Site> {
  return transact(store, async (tx) => {
    const [row] = await builder(tx)
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
      .returning(SITE);
    await bumpRulesVersion(tx);
    await audit(tx, { actor, action: 'create', entity: 'site', entityId: row.id, after: row, at: now });
    return row;
  });
}

/** Deletes a site; 404 when it does not exist (or a concurrent delete took it first). */
export async function deleteSite(store: Store, id: number, actor = 'system'): Promise<void> {
  await transact(store, async (tx) => {
    // DELETE … RETURNING: the row as it was, and only for the one caller whose delete took it.
    const [before] = await builder(tx).delete(sites).where(eq(sites.id, id)).returning();
    if (!before) throw new AppError('not_found', `No site ${id}.`);
    await bumpRulesVersion(tx);
    await audit(tx, { actor, action: 'delete', entity: 'site', entityId: id, before });
  });
}
