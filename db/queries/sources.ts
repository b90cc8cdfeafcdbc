import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import { sources } from '@/db/schema';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { AppError } from '@/lib/errors';
import type { SourceItem } from '@/lib/intake/report-types';

export type SourceRow = typeof sources.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public shape of a source: the conditional-GET validators and the failure count stay inside. */
export function toSourceItem(r: SourceRow): SourceItem {
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
  };
}

export function parseKeywords(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
}

/** Every source, oldest first (a short list: feeds are added by hand). */
export function listSources(store: Store): SourceItem[] {
  return sqlOf(store).select().from(sources).orderBy(asc(sources.id)).all().map(toSourceItem);
}

export function findSourceRow(store: Store, id: number): SourceRow | undefined {
  return sqlOf(store).select().from(sources).where(eq(sources.id, id)).get();
}

/** The source's row, or a 404 naming it. */
export function getSourceRow(store: Store, id: number): SourceRow {
  const row = findSourceRow(store, id);
  if (!row) throw new AppError('not_found', `No source ${id}.`);
  return row;
}

export function getSource(store: Store, id: number): SourceItem {
  return toSourceItem(getSourceRow(store, id));
}

/** Ids of enabled sources whose next poll is due (never polled counts as due), most overdue first. */
export function dueSourceIds(store: Store, now: number, limit: number): number[] {
  return sqlOf(store)
    .select({ id: sources.id })
    .from(sources)
    .where(and(eq(sources.enabled, true), or(isNull(sources.nextFetchAt), lte(sources.nextFetchAt, now))))
    .orderBy(asc(sources.nextFetchAt), asc(sources.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
}
