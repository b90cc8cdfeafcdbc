import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { sources } from '@/db/schema';
import { builder } from '@/db/engine';
import type { Store } from '@/db/store';
import { AppError } from '@/lib/errors';
import type { SourceItem } from '@/lib/intake/report-types';
import { parseSyncState, syncView } from '@/lib/acled/sync-state';

export type SourceRow = typeof sources.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The public shape of a source: the conditional-GET validators and the failure count stay inside,
 * and an ACLED source's password and tokens never leave (only `hasPassword`).
 */
export function toSourceItem(r: SourceRow): SourceItem {
  const acled = r.kind === 'acled';
  const countries = acled ? parseKeywords(r.countries ?? '[]') : null;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    url: r.url,
    pollMinutes: r.pollMinutes,
    enabled: r.enabled,
    keywords: parseKeywords(r.keywords),
    lastFetchAt: iso(r.lastFetchAt),
    lastSuccessAt: iso(r.lastSuccessAt),
    lastError: r.lastError,
    nextFetchAt: iso(r.nextFetchAt),
    itemsSeen: r.itemsSeen,
    synthetic: r.synthetic,
    email: acled ? r.email : null,
    hasPassword: acled && r.passwordSealed !== null,
    countries,
    since: acled ? r.since : null,
    authFailed: r.authFailed,
    sync: acled ? syncView(parseSyncState(r.syncState), countries ?? []) : null,
  };
}

export function parseKeywords(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
}

/** Every source, oldest first (a short list: feeds are added by hand). */
export async function listSources(store: Store): Promise<SourceItem[]> {
  return (await builder(store).select().from(sources).orderBy(asc(sources.id))).map(toSourceItem);
}

export async function findSourceRow(store: Store, id: number): Promise<SourceRow | undefined> {
  return (await builder(store).select().from(sources).where(eq(sources.id, id)))[0];
}

/** The source's row, or a 404 naming it. */
export async function getSourceRow(store: Store, id: number): Promise<SourceRow> {
  const row = await findSourceRow(store, id);
  if (!row) throw new AppError('not_found', `No source ${id}.`);
  return row;
}

export async function getSource(store: Store, id: number): Promise<SourceItem> {
  return toSourceItem(await getSourceRow(store, id));
}

/** Ids of enabled sources whose next poll is due (never polled counts as due), most overdue first. */
export async function dueSourceIds(store: Store, now: number, limit: number): Promise<number[]> {
  const rows = await builder(store)
    .select({ id: sources.id })
    .from(sources)
    // A source whose credentials were refused waits for an edit (authFailed), not for a time.
    .where(and(eq(sources.enabled, true), eq(sources.authFailed, false), or(isNull(sources.nextFetchAt), lte(sources.nextFetchAt, now))))
    // Never polled (NULL) first on both engines: PostgreSQL sorts NULLs last by default.
    .orderBy(sql`${sources.nextFetchAt} ASC NULLS FIRST`, asc(sources.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
