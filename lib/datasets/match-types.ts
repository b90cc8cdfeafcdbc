import type { IncidentItem } from '@/lib/incidents/item';

/** Where a proposal stands: merged and rejected are an analyst's decision (an unmerge returns to proposed). */
export const MATCH_STATUSES = ['proposed', 'merged', 'rejected'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** How the two event types relate (lib/datasets/match-score.ts); `incompatible` is never proposed. */
export const TYPE_COMPATIBILITIES = ['same-sub-event', 'same-event', 'related', 'incompatible'] as const;
export type TypeCompatibility = (typeof TYPE_COMPATIBILITIES)[number];

/** One proposal as GET /api/matches answers it: the reasons and both incidents side by side. */
export interface MatchItem {
  id: number;
  status: MatchStatus;
  score: number;
  /** Days between the two date ranges (0: they overlap). */
  dayGap: number;
  distanceKm: number;
  typeCompatibility: TypeCompatibility;
  actorSimilarity: number;
  datasetA: string;
  datasetB: string;
  importBatchId: number | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  /** The incident that stays on a merge; null when it no longer exists. */
  incidentA: IncidentItem | null;
  /** The incident that becomes A's source: as stored, or as archived once merged. */
  incidentB: IncidentItem | null;
}

export interface MatchPage {
  items: MatchItem[];
  nextCursor: number | null;
}
