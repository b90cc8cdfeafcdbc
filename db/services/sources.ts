import { and, eq, ne } from 'drizzle-orm';
import { sources } from '@/db/schema';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { AppError } from '@/lib/errors';
import type { SourceItem } from '@/lib/intake/report-types';
import type { SourceCreate, SourcePatch } from '@/lib/validation/source-input';
import { toSourceItem, type SourceRow } from '@/db/queries/sources';
import { recordAudit, type Tx } from './audit';

/** Refuses a second source on the same feed URL: its items would be fetched twice for nothing. */
function assertUrlFree(db: Db | Tx, url: string, exceptId: number | null): void {
  const where = exceptId === null ? eq(sources.url, url) : and(eq(sources.url, url), ne(sources.id, exceptId));
  const other = db.select({ id: sources.id }).from(sources).where(where).get();
  if (other) throw new AppError('conflict', `Source ${other.id} already reads this url.`, [{ path: 'url', message: 'already a source' }]);
}

export function createSource(store: Store, input: SourceCreate & { synthetic?: boolean }, actor = 'system', now = Date.now()): SourceItem {
  const db = sqlOf(store);
  return db.transaction(
    (tx) => {
      assertUrlFree(tx, input.url, null);
      const row = tx
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
        .returning()
        .get();
      const item = toSourceItem(row);
      recordAudit(tx, { actor, action: 'create', entity: 'source', entityId: row.id, after: item, at: now });
      return item;
    },
    { behavior: 'immediate' },
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

export function updateSource(store: Store, id: number, patch: SourcePatch, actor = 'system', now = Date.now()): SourceItem {
  const db = sqlOf(store);
  return db.transaction(
    (tx) => {
      const before = tx.select().from(sources).where(eq(sources.id, id)).get();
      if (!before) throw new AppError('not_found', `No source ${id}.`);
      if (patch.url !== undefined) assertUrlFree(tx, patch.url, id);
      const row = tx
        .update(sources)
        .set(changes(before, patch, now))
        .where(eq(sources.id, id))
        .returning()
        .get();
      const item = toSourceItem(row);
      recordAudit(tx, { actor, action: 'update', entity: 'source', entityId: id, before: toSourceItem(before), after: item, at: now });
      return item;
    },
    { behavior: 'immediate' },
  );
}

/** Deletes the source; its reports stay (source_id set null by the foreign key, sourceName kept). */
export function deleteSource(store: Store, id: number, actor = 'system', now = Date.now()): void {
  const db = sqlOf(store);
  db.transaction(
    (tx) => {
      const before = tx.select().from(sources).where(eq(sources.id, id)).get();
      if (!before) throw new AppError('not_found', `No source ${id}.`);
      tx.delete(sources).where(eq(sources.id, id)).run();
      recordAudit(tx, { actor, action: 'delete', entity: 'source', entityId: id, before: toSourceItem(before), at: now });
    },
    { behavior: 'immediate' },
  );
}
