import { and, asc, count, desc, eq, or } from 'drizzle-orm';
import { savedViews, startViews } from '@/db/schema';
import type { Store } from '@/db/store';
import { builder, transact } from '@/db/engine';
import { AppError } from '@/lib/errors';
import { VIEWS_PER_OWNER_MAX, type SavedView, type ViewCreateInput } from '@/lib/views/schema';
import { audit } from './audit';

/** Who asks: the principal's id owns what it saves; only admins publish (`shared`). */
export interface ViewAsker {
  id: string;
  admin: boolean;
}

const COLUMNS = {
  id: savedViews.id,
  owner: savedViews.owner,
  name: savedViews.name,
  query: savedViews.query,
  lat: savedViews.lat,
  lon: savedViews.lon,
  zoom: savedViews.zoom,
  shared: savedViews.shared,
  createdAt: savedViews.createdAt,
};
type ViewRow = { [K in keyof typeof COLUMNS]: (typeof savedViews.$inferSelect)[K] };

function toView(row: ViewRow, asker: string, startId: number | null): SavedView {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    map: { lat: row.lat, lon: row.lon, zoom: row.zoom },
    shared: row.shared,
    mine: row.owner === asker,
    start: row.id === startId,
    createdAt: row.createdAt,
  };
}

const readableBy = (owner: string) => or(eq(savedViews.owner, owner), eq(savedViews.shared, true));

async function startIdOf(store: Store, owner: string): Promise<number | null> {
  const [row] = await builder(store).select({ viewId: startViews.viewId }).from(startViews).where(eq(startViews.owner, owner));
  return row?.viewId ?? null;
}

/** The asker's own views, then the shared ones, each by name. */
export async function listViews(store: Store, owner: string): Promise<SavedView[]> {
  const rows = await builder(store)
    .select(COLUMNS)
    .from(savedViews)
    .where(readableBy(owner))
    .orderBy(desc(eq(savedViews.owner, owner)), asc(savedViews.name), asc(savedViews.id));
  const start = await startIdOf(store, owner);
  return rows.map((r) => toView(r, owner, start));
}

/** One view the asker may read (its own, or a shared one); null otherwise, never another's private view. */
export async function readView(store: Store, id: number, owner: string): Promise<SavedView | null> {
  const [row] = await builder(store)
    .select(COLUMNS)
    .from(savedViews)
    .where(and(eq(savedViews.id, id), readableBy(owner)));
  return row ? toView(row, owner, await startIdOf(store, owner)) : null;
}

/** The asker's start page, when it has one it can still read (a view unshared since is skipped). */
export async function startView(store: Store, owner: string): Promise<SavedView | null> {
  const id = await startIdOf(store, owner);
  return id === null ? null : readView(store, id, owner);
}

export async function createView(store: Store, input: ViewCreateInput, asker: ViewAsker, now = Date.now()): Promise<SavedView> {
  if (input.shared && !asker.admin) throw new AppError('forbidden', 'Only an admin can share a view with everyone.');
  return transact(store, async (tx) => {
    const [{ n }] = await builder(tx).select({ n: count() }).from(savedViews).where(eq(savedViews.owner, asker.id));
    if (Number(n) >= VIEWS_PER_OWNER_MAX)
      throw new AppError('conflict', `You have ${VIEWS_PER_OWNER_MAX} saved views; delete one to save another.`);
    // ON CONFLICT on (owner, name): a taken name is a 409 on both engines, also when two saves race.
    const [row] = await builder(tx)
      .insert(savedViews)
      .values({ owner: asker.id, name: input.name, query: input.query, ...input.map, shared: input.shared, createdAt: now })
      .onConflictDoNothing()
      .returning(COLUMNS);
    if (!row)
      throw new AppError('conflict', `You already have a view named "${input.name}".`, [{ path: 'name', message: 'is already taken' }]);
    await audit(tx, { actor: asker.id, action: 'create', entity: 'view', entityId: row.id, after: row, at: now });
    return toView(row, asker.id, null);
  });
}

/** Deletes the asker's own view, or (admins) a shared one; 404 for anything the asker cannot see. */
export async function deleteView(store: Store, id: number, asker: ViewAsker): Promise<void> {
  await transact(store, async (tx) => {
    const mayDelete = asker.admin ? readableBy(asker.id) : eq(savedViews.owner, asker.id);
    const [before] = await builder(tx)
      .delete(savedViews)
      .where(and(eq(savedViews.id, id), mayDelete))
      .returning(COLUMNS);
    if (!before) throw new AppError('not_found', `No saved view ${id}.`);
    await audit(tx, { actor: asker.id, action: 'delete', entity: 'view', entityId: id, before });
  });
}

/** Makes a readable view the asker's start page, or clears it (`null`). */
export async function setStartView(store: Store, owner: string, id: number | null): Promise<SavedView | null> {
  return transact(store, async (tx) => {
    if (id === null) {
      await builder(tx).delete(startViews).where(eq(startViews.owner, owner));
      return null;
    }
    const [row] = await builder(tx)
      .select(COLUMNS)
      .from(savedViews)
      .where(and(eq(savedViews.id, id), readableBy(owner)));
    if (!row) throw new AppError('not_found', `No saved view ${id}.`);
    await builder(tx)
      .insert(startViews)
      .values({ owner, viewId: id })
      .onConflictDoUpdate({ target: startViews.owner, set: { viewId: id } });
    return toView(row, owner, id);
  });
}
