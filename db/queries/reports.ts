import { between, desc, eq, inArray } from 'drizzle-orm';
import { reports } from '@/db/schema';
import { sqlOf } from '@/db/connection';
import { builder, engineOf } from '@/db/engine';
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

export async function getReport(store: Store, id: number): Promise<ReportItem | null> {
  const [row] = await builder(store).select().from(reports).where(eq(reports.id, id));
  return row ? toReportItem(row) : null;
}

/** The report stored under an item key, if any. */
export async function reportIdByKey(store: Store, key: string): Promise<number | null> {
  const [row] = await builder(store).select({ id: reports.id }).from(reports).where(eq(reports.itemKey, key));
  return row?.id ?? null;
}

/** Which of these item keys are already stored (a feed's items seen before skip extraction). */
export async function knownItemKeys(store: Store, keys: readonly string[]): Promise<Set<string>> {
  const db = builder(store);
  const known = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    for (const r of await db.select({ key: reports.itemKey }).from(reports).where(inArray(reports.itemKey, chunk)))
      if (r.key) known.add(r.key);
  }
  return known;
}

const summaryColumns = {
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
};

type SummaryRow = Omit<ReportSummary, 'publishedAt' | 'fetchedAt'> & { publishedAt: number | null; fetchedAt: number };

const toSummary = (r: SummaryRow | undefined): ReportSummary | null =>
  r ? { ...r, publishedAt: iso(r.publishedAt), fetchedAt: new Date(r.fetchedAt).toISOString() } : null;

/** The live stream's `report` event: a summary of the report, without its text. */
export async function reportSummary(store: Store, id: number): Promise<ReportSummary | null> {
  const [r] = await builder(store).select(summaryColumns).from(reports).where(eq(reports.id, id));
  return toSummary(r);
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

const storyColumns = {
  id: reports.id,
  duplicateOf: reports.duplicateOf,
  status: reports.status,
  fingerprint: reports.fingerprint,
  candidates: reports.candidates,
};

/** Both bounded reads; on SQLite cached statements (every ingested item runs them). */
async function storyRows(store: Store, at: number): Promise<StoryRow[]> {
  if (engineOf(store) === 'sqlite') {
    const db = sqlOf(store);
    return [
      ...(cachedStatement(db, PUBLISHED_NEAR).all(at - STORY_LOOKBACK_MS, at + STORY_LOOKBACK_MS) as StoryRow[]),
      ...(cachedStatement(db, LATEST).all() as StoryRow[]),
    ];
  }
  const db = builder(store);
  const [near, latest] = await Promise.all([
    db
      .select(storyColumns)
      .from(reports)
      .where(between(reports.publishedAt, at - STORY_LOOKBACK_MS, at + STORY_LOOKBACK_MS))
      .limit(STORY_SCAN_LIMIT),
    db.select(storyColumns).from(reports).orderBy(desc(reports.id)).limit(RECENT_SCAN_LIMIT),
  ]);
  return [...near, ...latest];
}

/**
 * Reports that may tell the same story as one published at `at`: those published within
 * STORY_LOOKBACK_MS (the published_at index), and the latest stored; oldest first. Both reads
 * are bounded. `decoded` keeps fingerprints already read by this batch (one ingest call).
 */
export async function storiesNear(store: Store, at: number, decoded: Map<number, StoredStory | null> = new Map()): Promise<StoredStory[]> {
  const rows = await storyRows(store, at);
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
