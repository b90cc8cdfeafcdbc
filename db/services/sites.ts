import { asc, eq } from 'drizzle-orm';
import { meta, sites, type SITE_KINDS } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Site } from '@/lib/alerts/types';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { builder, transact } from '@/db/engine';
import { bumpRulesVersion, bumpRulesVersionSync } from './alert-rule-store';
import { audit } from './audit';
import { seedOnce } from './seed-once';
import { SEED_SITES } from './seed-sites';

export { SEED_SITES };

type SiteKind = (typeof SITE_KINDS)[number];

const SEEDED_KEY = 'sites_seeded';

const SITE = {
  id: sites.id,
  name: sites.name,
  lat: sites.lat,
  lon: sites.lon,
  kind: sites.kind,
  example: sites.example,
  notes: sites.notes,
};

/**
 * Seeds the default sites once per database (a deleted seed site stays deleted; several instances
 * starting at once seed once: seedOnce).
 */
export async function ensureSeedSites(store: Store, now = Date.now()): Promise<boolean> {
  return seedOnce(store, SEEDED_KEY, now, false, async (tx) => {
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

/**
 * Changes a site's name, position, kind or notes; 404 when it does not exist. Proximity rules
 * name sites by id, so they follow the edit (the rules version is bumped for the evaluators).
 */
export async function updateSite(
  store: Store,
  id: number,
  patch: Partial<{ name: string; lat: number; lon: number; kind: SiteKind; notes: string | null }>,
  actor = 'system',
  now = Date.now(),
): Promise<Site> {
  return transact(store, async (tx) => {
    const [before] = await builder(tx).select(SITE).from(sites).where(eq(sites.id, id));
    if (!before) throw new AppError('not_found', `No site ${id}.`);
    const [row] = await builder(tx).update(sites).set(patch).where(eq(sites.id, id)).returning(SITE);
    // A concurrent delete between the read and the update leaves nothing to return.
    if (!row) throw new AppError('not_found', `No site ${id}.`);
    await bumpRulesVersion(tx);
    await audit(tx, { actor, action: 'update', entity: 'site', entityId: id, before, after: row, at: now });
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
