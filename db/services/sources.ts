import { and, eq, ne } from 'drizzle-orm';
import { sources } from '@/db/schema';
import type { Store } from '@/db/store';
import { builder, transact, type Isolation } from '@/db/engine';
import { AppError } from '@/lib/errors';
import type { SourceItem } from '@/lib/intake/report-types';
import type { SourceCreate, SourcePatch } from '@/lib/validation/source-input';
import { toSourceItem, type SourceRow } from '@/db/queries/sources';
import { audit } from './audit';

/**
 * The url check reads, then writes: serializable on PostgreSQL, so two admins adding the same feed
 * on two instances at once cannot both pass it (the loser is run again and gets the 409). SQLite's
 * single writer gives the same.
 */
const URL_CHECKED: { isolation: Isolation } = { isolation: 'serializable' };

/** Refuses a second source on the same feed URL: its items would be fetched twice for nothing. */
async function assertUrlFree(tx: Store, url: string, exceptId: number | null): Promise<void> {
  const where = exceptId === null ? eq(sources.url, url) : and(eq(sources.url, url), ne(sources.id, exceptId));
  const [other] = await builder(tx).select({ id: sources.id }).from(sources).where(where).limit(1);
  if (other) throw new AppError('conflict', `Source ${other.id} already reads this url.`, [{ path: 'url', message: 'already a source' }]);
}

export async function createSource(
  store: Store,
  input: SourceCreate & { synthetic?: boolean },
  actor = 'system',
  now = Date.now(),
): Promise<SourceItem> {
  return transact(
    store,
    async (tx) => {
      await assertUrlFree(tx, input.url, null);
      const [row] = await builder(tx)
        .insert(sources)
        .values({
          name: input.name,
          kind: input.kind,
          url: input.url,
          pollMinutes: input.pollMinutes,
          enabled: input.enabled,
          keywords: JSON.stringify(input.keywords),
          synthetic: input.synthetic ?? false,
          // A new source is due at once, so the first items arrive without waiting an interval.
          nextFetchAt: input.enabled ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const item = toSourceItem(row);
      await audit(tx, { actor, action: 'create', entity: 'source', entityId: row.id, after: item, at: now });
      return item;
    },
    URL_CHECKED,
  );
}

/** What a change resets: a new URL is a new feed (validators, failures and error no longer apply). */
function changes(before: SourceRow, patch: SourcePatch, now: number): Partial<SourceRow> {
  const out: Partial<SourceRow> = { updatedAt: now };
  if (patch.name !== undefined) out.name = patch.name;
  if (patch.kind !== undefined) out.kind = patch.kind;
  if (patch.keywords !== undefined) out.keywords = JSON.stringify(patch.keywords);
  if (patch.pollMinutes !== undefined) {
    out.pollMinutes = patch.pollMinutes;
    if (before.failures === 0 && before.nextFetchAt !== null) out.nextFetchAt = (before.lastFetchAt ?? now) + patch.pollMinutes * 60_000;
  }
  if (patch.url !== undefined && patch.url !== before.url) {
    Object.assign(out, { url: patch.url, etag: null, lastModified: null, failures: 0, lastError: null, nextFetchAt: now });
  }
  if (patch.enabled !== undefined) {
    out.enabled = patch.enabled;
    if (patch.enabled && !before.enabled) out.nextFetchAt = now;
    if (!patch.enabled) out.nextFetchAt = null;
  }
  return out;
}

export async function updateSource(store: Store, id: number, patch: SourcePatch, actor = 'system', now = Date.now()): Promise<SourceItem> {
  return transact(
    store,
    async (tx) => {
      const [before] = await builder(tx).select().from(sources).where(eq(sources.id, id));
      if (!before) throw new AppError('not_found', `No source ${id}.`);
      if (patch.url !== undefined) await assertUrlFree(tx, patch.url, id);
      const [row] = await builder(tx)
        .update(sources)
        .set(changes(before, patch, now))
        .where(eq(sources.id, id))
        .returning();
      const item = toSourceItem(row);
      await audit(tx, { actor, action: 'update', entity: 'source', entityId: id, before: toSourceItem(before), after: item, at: now });
      return item;
    },
    URL_CHECKED,
  );
}

/** Deletes the source; its reports stay (source_id set null by the foreign key, sourceName kept). */
export async function deleteSource(store: Store, id: number, actor = 'system', now = Date.now()): Promise<void> {
  await transact(store, async (tx) => {
    // The delete itself decides: of two deletes at once only one removes the row and is audited.
    const [before] = await builder(tx).delete(sources).where(eq(sources.id, id)).returning();
    if (!before) throw new AppError('not_found', `No source ${id}.`);
    await audit(tx, { actor, action: 'delete', entity: 'source', entityId: id, before: toSourceItem(before), at: now });
  });
}
