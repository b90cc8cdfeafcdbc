/**
 * The public shapes of intake: sources (feeds), reports and their drafts, incidents' source records
 * and claims. Shared by db/ (which stores them), the routes (which return them) and the triage UI.
 */

import type { SyncView } from '@/lib/acled/sync-state';
import type { CasualtySplit, Span, TargetCategory } from './types';

export const REPORT_STATUSES = ['new', 'accepted', 'merged', 'dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ClaimStatus = 'claimed' | 'unclaimed' | 'disputed';

/**
 * A draft incident in exactly the shape POST /api/incidents accepts, with `null` where the text says
 * nothing. Accepting a report fills the nulls from the analyst's overrides; a draft with a required
 * field still null cannot be accepted unchanged.
 */
export interface ReportDraft {
  occurredAt: string | null;
  timePrecision: 1 | 2 | 3;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: 1 | 2 | 3 | null;
  eventType: string | null;
  subEventType: string | null;
  /** A group slug of the taxonomy. */
  group: string | null;
  claimStatus: ClaimStatus;
  target: TargetCategory | null;
  killed: number | null;
  injured: number | null;
  killedBy: CasualtySplit | null;
  injuredBy: CasualtySplit | null;
  crossBorder: boolean;
  sources: string[];
  notes: string | null;
}

export interface ReportCandidate {
  incidentId: number;
  /** 0–1, higher is likelier the same event. */
  score: number;
  reasons: string[];
}

export interface ReportItem {
  id: number;
  sourceId: number | null;
  sourceName: string | null;
  url: string | null;
  title: string | null;
  text: string;
  publishedAt: string | null;
  fetchedAt: string;
  status: ReportStatus;
  isIncident: boolean;
  duplicateOf: number | null;
  incidentId: number | null;
  /** Region of the draft's place (the queue's region filter). */
  region: string | null;
  draft: ReportDraft;
  /** Offsets into `title + "\n" + text` (UTF-16). */
  spans: Span[];
  candidates: ReportCandidate[];
  decidedBy: string | null;
  decidedAt: string | null;
  dismissReason: string | null;
}

/** A page of the triage queue (GET /api/reports); `limit=0` answers only `total`. */
export interface ReportPage {
  items: ReportItem[];
  total: number;
  nextCursor: string | null;
}

/** What the live stream's `report` event carries: enough for the queue and the nav count, not the text. */
export type ReportSummary = Pick<
  ReportItem,
  'id' | 'status' | 'isIncident' | 'title' | 'sourceName' | 'region' | 'publishedAt' | 'fetchedAt' | 'duplicateOf' | 'incidentId'
>;

export interface SourceItem {
  id: number;
  name: string;
  kind: 'rss' | 'acled';
  url: string;
  pollMinutes: number;
  enabled: boolean;
  keywords: string[];
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  nextFetchAt: string | null;
  itemsSeen: number;
  synthetic: boolean;
  /** ACLED sources (null for feeds): the account, never its password or tokens. */
  email: string | null;
  hasPassword: boolean;
  countries: string[] | null;
  since: string | null;
  /** Bad credentials: the source waits for an edit before it is polled again. */
  authFailed: boolean;
  sync: SyncView | null;
}

/** One report's account of an incident (IncidentItem.sourceRecords). */
export interface SourceRecord {
  reportId: number | null;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
  killed: number | null;
  injured: number | null;
  killedBy: CasualtySplit | null;
  injuredBy: CasualtySplit | null;
}

/** One entry of an incident's claims ledger (IncidentItem.claims). */
export interface ClaimRecord {
  groupId: string;
  kind: 'claim' | 'denial' | 'attribution';
  /** Who made it: the group, or the official who attributed it ("ISPR", "police"). */
  by: string | null;
  at: string;
  reportId: number | null;
}
