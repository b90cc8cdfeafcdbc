import { eq, inArray } from 'drizzle-orm';
import { reports } from '@/db/schema';
import { sqlOf } from '@/db/connection';
import type { Store } from '@/db/store';
import { cachedStatement } from '@/db/statement-cache';
import type { ReportItem, ReportStatus, ReportSummary } from '@/lib/intake/report-types';
import { decodeFingerprint, type Fingerprint } from '@/lib/intake/fingerprint';

type ReportRow = typeof reports.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public shape of a stored report. */
export function toReportItem(r: ReportRow): ReportItem {
  return {
    id: r.id,
    sourceId: r.sourceId,
    sourceName: r.sourceName,
    url: r.url,
    title: r.title,
    text: r.text,
    publishedAt: iso(r.publishedAt),
    fetchedAt: new Date(r.fetchedAt).toISOString(),
    status: r.status,
    isIncident: r.isIncident,
    duplicateOf: r.duplicateOf,
    incidentId: r.incidentId,
    region: r.region,
    draft: JSON.parse(r.draft) as ReportItem['draft'],
    spans: JSON.parse(r.spans) as ReportItem['spans'],
    candidates: JSON.parse(r.candidates) as ReportItem['candidates'],
    decidedBy: r.decidedBy,
    decidedAt: iso(r.decidedAt),
    dismissReason: r.dismissReason,
  };
}

export function getReport(store: Store, id: number): ReportItem | null {
  const row = sqlOf(store).select().from(reports).where(eq(reports.id, id)).get();
  return row ? toReportItem(row) : null;
}

/** The report stored under an item key, if any. */
export function reportIdByKey(store: Store, key: string): number | null {
  return sqlOf(store).select({ id: reports.id }).from(reports).where(eq(reports.itemKey, key)).get()?.id ?? null;
}

/** Which of these item keys are already stored (a feed's items seen before skip extraction). */
export function knownItemKeys(store: Store, keys: readonly string[]): Set<string> {
  const db = sqlOf(store);
  const known = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    for (const r of db.select({ key: reports.itemKey }).from(reports).where(inArray(reports.itemKey, chunk)).all())
      if (r.key) known.add(r.key);
  }
  return known;
}

/** The live stream's `report` event: a summary of the report, without its text. */
export function reportSummary(store: Store, id: number): ReportSummary | null {
  const r = sqlOf(store)
    .select({
      id: reports.id,
      status: reports.status,
      isIncident: reports.isIncident,
      title: reports.title,
      sourceName: reports.sourceName,
      region: reports.region,
      publishedAt: reports.publishedAt,
      fetchedAt: reports.fetchedAt,
      duplicateOf: reports.duplicateOf,
      incidentId: reports.incidentId,
    })
    .from(reports)
    .where(eq(reports.id, id))
    .get();
  return r ? { ...r, publishedAt: iso(r.publishedAt), fetchedAt: new Date(r.fetchedAt).toISOString() } : null;
}

/** A stored report as the duplicate search compares it. */
export interface StoredStory {
  id: number;
  duplicateOf: number | null;
  status: ReportStatus;
  fingerprint: Fingerprint;
  /** JSON, parsed only for the report a new one turns out to repeat. */
  candidates: string;
}

/** How far around a report's publication earlier reports are searched for the same story. */
export const STORY_LOOKBACK_MS = 2 * 86_400_000;
const STORY_SCAN_LIMIT = 500;
/** Pasted reports often have no publication time: the latest stored are searched as well. */
const RECENT_SCAN_LIMIT = 100;

const STORY_COLUMNS = 'id, duplicate_of AS duplicateOf, status, fingerprint, candidates';
const PUBLISHED_NEAR = `SELECT ${STORY_COLUMNS} FROM reports WHERE published_at BETWEEN ? AND ? LIMIT ${STORY_SCAN_LIMIT}`;
const LATEST = `SELECT ${STORY_COLUMNS} FROM reports ORDER BY id DESC LIMIT ${RECENT_SCAN_LIMIT}`;

type StoryRow = Omit<StoredStory, 'fingerprint'> & { fingerprint: string | null };

/**
 * Reports that may tell the same story as one published at `at`: those published within
 * STORY_LOOKBACK_MS (the published_at index), and the latest stored; oldest first. Both reads
 * are bounded. `decoded` keeps fingerprints already read by this batch (one ingest call).
 */
export function storiesNear(store: Store, at: number, decoded: Map<number, StoredStory | null> = new Map()): StoredStory[] {
  const db = sqlOf(store);
  const rows = [
    ...(cachedStatement(db, PUBLISHED_NEAR).all(at - STORY_LOOKBACK_MS, at + STORY_LOOKBACK_MS) as StoryRow[]),
    ...(cachedStatement(db, LATEST).all() as StoryRow[]),
  ];
  const out = new Map<number, StoredStory>();
  for (const r of rows) {
    if (out.has(r.id)) continue;
    let story = decoded.get(r.id);
    if (story === undefined) {
      const fingerprint = decodeFingerprint(r.fingerprint);
      story = fingerprint ? { ...r, fingerprint } : null;
      decoded.set(r.id, story);
    }
    if (story) out.set(r.id, story);
  }
  return [...out.values()].sort((a, b) => a.id - b.id);
}
