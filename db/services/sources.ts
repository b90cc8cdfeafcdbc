import { and, eq, ne } from 'drizzle-orm';
import { sources } from '@/db/schema';
import type { Store } from '@/db/store';
import { builder, transact, type Isolation } from '@/db/engine';
import { AppError } from '@/lib/errors';
import type { SourceItem } from '@/lib/intake/report-types';
import type { SourcePatch } from '@/lib/validation/source-input';
import { initialSyncState } from '@/lib/acled/sync-state';
import { sealSecret } from '@/db/secrets/seal';
import { requireSecretsKey, SECRET_LABELS } from '@/db/secrets/key';
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

/** A new source as the routes validated it (lib/validation/source-input.ts), flattened over both kinds. */
export interface SourceInput {
  name: string;
  kind: 'rss' | 'acled';
  url: string;
  pollMinutes: number;
  enabled: boolean;
  keywords?: string[];
  email?: string;
  password?: string;
  countries?: string[];
  since?: string;
  synthetic?: boolean;
}

/** An ACLED source's own columns; its password sealed (400 naming SECRETS_KEY when it is unset). */
function acledColumns(input: SourceInput): Partial<SourceRow> {
  if (input.kind !== 'acled') return {};
  if (!input.email || !input.password)
    throw new AppError('bad_request', 'An ACLED source needs the account’s email and password.', [
      ...(input.email ? [] : [{ path: 'email', message: 'is required' }]),
      ...(input.password ? [] : [{ path: 'password', message: 'is required' }]),
    ]);
  return {
    email: input.email,
    passwordSealed: sealSecret(input.password, requireSecretsKey(), SECRET_LABELS.password),
    countries: JSON.stringify(input.countries ?? []),
    since: input.since ?? null,
    syncState: JSON.stringify(initialSyncState()),
  };
}

export async function createSource(store: Store, input: SourceInput, actor = 'system', now = Date.now()): Promise<SourceItem> {
  // Sealed before the transaction: a missing SECRETS_KEY refuses the request and writes nothing.
  const sealed = acledColumns(input);
  return transact(
    store,
    async (tx) => {
      // Several ACLED sources may share the API's address (other countries, other accounts).
      if (input.kind === 'rss') await assertUrlFree(tx, input.url, null);
      const [row] = await builder(tx)
        .insert(sources)
        .values({
          name: input.name,
          kind: input.kind,
          url: input.url,
          pollMinutes: input.pollMinutes,
          enabled: input.enabled,
          keywords: JSON.stringify(input.kind === 'rss' ? (input.keywords ?? []) : []),
          synthetic: input.synthetic ?? false,
          ...sealed,
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

const ACLED_ONLY = ['email', 'password', 'countries', 'since'] as const;

/** A field of the other kind, or a change of kind: 400 naming the field. */
function checkKind(before: SourceRow, patch: SourcePatch): void {
  if (patch.kind !== undefined && patch.kind !== before.kind)
    throw new AppError('bad_request', 'A source’s kind cannot change; add a new source instead.', [
      { path: 'kind', message: `is "${before.kind}"` },
    ]);
  const wrong =
    before.kind === 'acled' ? (patch.keywords !== undefined ? ['keywords'] : []) : ACLED_ONLY.filter((k) => patch[k] !== undefined);
  if (wrong.length)
    throw new AppError(
      'bad_request',
      `Not a field of ${before.kind === 'acled' ? 'an ACLED source' : 'a feed source'}: ${wrong.join(', ')}.`,
      wrong.map((path) => ({ path, message: `not a field of kind "${before.kind}"` })),
    );
}

/**
 * What a change resets: a new URL is a new feed (validators, failures and error no longer apply).
 * For ACLED, new credentials drop the tokens; another address, country list or start date starts
 * the backfill again (rows are idempotent on event_id_cnty, so nothing is stored twice). Any edit
 * lifts an "authentication failed" stop: the admin has looked at the source.
 */
function changes(before: SourceRow, patch: SourcePatch, now: number, sealedPassword: string | null): Partial<SourceRow> {
  const out: Partial<SourceRow> = { updatedAt: now };
  if (patch.name !== undefined) out.name = patch.name;
  if (patch.keywords !== undefined) out.keywords = JSON.stringify(patch.keywords);
  if (patch.pollMinutes !== undefined) {
    out.pollMinutes = patch.pollMinutes;
    if (before.failures === 0 && before.nextFetchAt !== null) out.nextFetchAt = (before.lastFetchAt ?? now) + patch.pollMinutes * 60_000;
  }
  if (patch.url !== undefined && patch.url !== before.url) {
    Object.assign(out, {
      url: patch.url,
      etag: null,
      lastModified: null,
      failures: 0,
      lastError: null,
      nextFetchAt: now,
      tokenSealed: null,
    });
  }
  if (before.kind === 'acled') acledChanges(before, patch, now, sealedPassword, out);
  if (patch.enabled !== undefined) {
    out.enabled = patch.enabled;
    if (patch.enabled && !before.enabled) out.nextFetchAt = now;
    if (!patch.enabled) out.nextFetchAt = null;
  }
  return out;
}

function acledChanges(before: SourceRow, patch: SourcePatch, now: number, sealedPassword: string | null, out: Partial<SourceRow>): void {
  const retry = { authFailed: false, failures: 0, lastError: null, nextFetchAt: now };
  if (before.authFailed) Object.assign(out, retry);
  if (patch.email !== undefined && patch.email !== before.email) Object.assign(out, { email: patch.email, tokenSealed: null }, retry);
  if (sealedPassword !== null) Object.assign(out, { passwordSealed: sealedPassword, tokenSealed: null }, retry);
  const countries = patch.countries === undefined ? undefined : JSON.stringify(patch.countries);
  const restart =
    (countries !== undefined && countries !== before.countries) ||
    (patch.since !== undefined && patch.since !== before.since) ||
    (patch.url !== undefined && patch.url !== before.url);
  if (countries !== undefined) out.countries = countries;
  if (patch.since !== undefined) out.since = patch.since;
  if (restart) {
    // Deletions already applied stay applied: the deletion cursor is kept.
    const kept = before.syncState ? (JSON.parse(before.syncState) as { lastDeletedTimestamp?: number | null }) : {};
    out.syncState = JSON.stringify({ ...initialSyncState(), lastDeletedTimestamp: kept.lastDeletedTimestamp ?? null });
    Object.assign(out, retry);
  }
}

export async function updateSource(store: Store, id: number, patch: SourcePatch, actor = 'system', now = Date.now()): Promise<SourceItem> {
  // Sealed first: without SECRETS_KEY the change is refused whole.
  const sealedPassword = patch.password === undefined ? null : sealSecret(patch.password, requireSecretsKey(), SECRET_LABELS.password);
  return transact(
    store,
    async (tx) => {
      const [before] = await builder(tx).select().from(sources).where(eq(sources.id, id));
      if (!before) throw new AppError('not_found', `No source ${id}.`);
      checkKind(before, patch);
      if (patch.url !== undefined && before.kind === 'rss') await assertUrlFree(tx, patch.url, id);
      const [row] = await builder(tx)
        .update(sources)
        .set(changes(before, patch, now, sealedPassword))
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
