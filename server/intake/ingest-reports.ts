import type { Store } from '@/db/store';
import { insertReports, type InsertedReports, type NewReportRow } from '@/db/services/reports';
import { knownItemKeys, storiesNear, type StoredStory } from '@/db/queries/reports';
import { findCandidates } from '@/db/queries/report-candidates';
import { mergeCandidates } from '@/lib/intake/candidates';
import { draftKey } from '@/lib/intake/event-key';
import { analysedText, extractReport, type ReportInput } from '@/lib/intake/extract';
import { encodeFingerprint, findOriginal, fingerprintOf, type Fingerprint } from '@/lib/intake/fingerprint';
import type { ReportCandidate } from '@/lib/intake/report-types';

/** A report to store: a feed item (with its identity) or a pasted text. */
export interface IncomingReport extends ReportInput {
  sourceId: number | null;
  /** GUID or canonical link; null for a paste without one. */
  itemKey: string | null;
}

/** A report of this batch, drafted and not yet stored. */
interface Drafted {
  row: NewReportRow;
  fingerprint: Fingerprint;
  candidates: ReportCandidate[];
}

/** An earlier report the new one may repeat: stored, or drafted earlier in this batch. */
type Earlier = { stored: StoredStory; fingerprint: Fingerprint } | { batch: number; fingerprint: Fingerprint };

const publishedMs = (item: IncomingReport): number | null => {
  const ms = item.publishedAt === null ? NaN : Date.parse(item.publishedAt);
  return Number.isNaN(ms) ? null : ms;
};

/**
 * Points `d` at the first report of its story and gives both the merged candidates: a stored
 * original is updated in the insert's transaction (through `updates`), one of this batch in place.
 */
function linkStory(d: Drafted, match: Earlier, batch: Drafted[], updates: Map<number, ReportCandidate[]>): void {
  if ('stored' in match) {
    const root = match.stored.duplicateOf ?? match.stored.id;
    d.row.duplicateOf = root;
    d.candidates = mergeCandidates([d.candidates, updates.get(root) ?? (JSON.parse(match.stored.candidates) as ReportCandidate[])]);
    updates.set(root, d.candidates);
    if (root !== match.stored.id) updates.set(match.stored.id, d.candidates);
    return;
  }
  const first = batch[match.batch];
  const rootRow = first.row.duplicateOfRow ?? match.batch;
  d.row.duplicateOf = first.row.duplicateOf;
  d.row.duplicateOfRow = first.row.duplicateOf === null ? rootRow : null;
  d.candidates = mergeCandidates([d.candidates, first.candidates]);
  first.candidates = d.candidates;
  batch[rootRow].candidates = d.candidates;
  if (first.row.duplicateOf !== null) updates.set(first.row.duplicateOf, d.candidates);
}

/**
 * THE entry of every report (paste, feed item, demo, simulator). An item already stored under its
 * key (fetched again, or found in another feed) is counted as a duplicate before extraction, so a
 * poll of mostly seen items costs a look-up each. A new one is extracted (pure, outside the write
 * transaction), offered the incidents it may describe, and linked to the first report of the same
 * story from another outlet (`duplicateOf`). Within a batch the oldest published is stored first,
 * so it is the original and the newest item is the newest in the queue.
 */
export async function ingestReports(
  store: Store,
  items: readonly IncomingReport[],
  ctx: { timeZone: string; now: number },
): Promise<InsertedReports> {
  const receivedAt = new Date(ctx.now).toISOString();
  const known = await knownItemKeys(
    store,
    items.flatMap((i) => (i.itemKey ? [i.itemKey] : [])),
  );
  const seenInBatch = new Set<string>();
  const fresh = items.filter((i) => {
    if (!i.itemKey) return true;
    if (known.has(i.itemKey) || seenInBatch.has(i.itemKey)) return false;
    seenInBatch.add(i.itemKey);
    return true;
  });
  const ordered = fresh
    .map((item, order) => ({ item, order, at: publishedMs(item) }))
    .sort((a, b) => (a.at ?? ctx.now) - (b.at ?? ctx.now) || a.order - b.order);

  const batch: Drafted[] = [];
  const updates = new Map<number, ReportCandidate[]>();
  const decoded = new Map<number, StoredStory | null>();
  for (const { item, at } of ordered) {
    const x = extractReport(item, { timeZone: ctx.timeZone, receivedAt });
    const key = x.isIncident ? draftKey(x.draft) : null;
    const fingerprint = fingerprintOf(analysedText(item), key);
    const d: Drafted = {
      fingerprint,
      candidates: key ? await findCandidates(store, key) : [],
      row: {
        sourceId: item.sourceId,
        sourceName: item.sourceName,
        itemKey: item.itemKey,
        url: item.url,
        title: item.title,
        text: item.text,
        publishedAt: at,
        isIncident: x.isIncident,
        region: x.region,
        duplicateOf: null,
        duplicateOfRow: null,
        draft: JSON.stringify(x.draft),
        spans: JSON.stringify(x.spans),
        candidates: '[]',
        fingerprint: encodeFingerprint(fingerprint),
      },
    };
    const earlier: Earlier[] = [
      ...(await storiesNear(store, at ?? ctx.now, decoded)).map((stored) => ({ stored, fingerprint: stored.fingerprint })),
      ...batch.map((b, i) => ({ batch: i, fingerprint: b.fingerprint })),
    ];
    const match = findOriginal(fingerprint, earlier);
    if (match) linkStory(d, match, batch, updates);
    batch.push(d);
  }
  const rows = batch.map((d) => ({ ...d.row, candidates: JSON.stringify(d.candidates) }));
  const stored = await insertReports(store, rows, ctx.now, new Map([...updates].map(([id, c]) => [id, JSON.stringify(c)])));
  return { created: stored.created, duplicates: stored.duplicates + items.length - fresh.length };
}
