/** Where a proposal stands: merged and rejected are an analyst's decision (an unmerge returns to proposed). */
export const MATCH_STATUSES = ['proposed', 'merged', 'rejected'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** How the two event types relate (lib/datasets/match-score.ts); `incompatible` is never proposed. */
export const TYPE_COMPATIBILITIES = ['same-sub-event', 'same-event', 'related', 'incompatible'] as const;
export type TypeCompatibility = (typeof TYPE_COMPATIBILITIES)[number];
