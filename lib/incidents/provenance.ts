/**
 * What an incident's several sources and its claims ledger mean for the incident: the claim status
 * the ledger implies, and the spread of the figures its sources report. Pure, shared by the
 * decision service (which stores the status) and the detail panel (which shows the spread).
 */
import type { ClaimRecord, ClaimStatus, SourceRecord } from '@/lib/intake/report-types';

/**
 * The ledger's verdict: any denial, or claims by two different groups, dispute the incident; one
 * claimant claims it. Official attributions are not claims and decide nothing: with no claim and
 * no denial the incident keeps its own status (an analyst's or an import's).
 */
export function ledgerClaimStatus(claims: readonly Pick<ClaimRecord, 'groupId' | 'kind'>[], own: ClaimStatus): ClaimStatus {
  const claimants = new Set<string>();
  for (const c of claims) {
    if (c.kind === 'denial') return 'disputed';
    if (c.kind === 'claim') claimants.add(c.groupId);
  }
  if (claimants.size > 1) return 'disputed';
  if (claimants.size === 1) return 'claimed';
  return own;
}

export type FigureKey = 'killed' | 'injured';

/** The lowest and highest figure the sources report; null when fewer than one source gives one. */
export interface FigureSpread {
  min: number;
  max: number;
  /** How many sources gave a figure. */
  reported: number;
  /** True when a source's figure differs from another's or from the adopted one. */
  disagree: boolean;
}

/**
 * The spread of one figure over the sources ("killed 5 · sources say 4–7"). Sources that give no
 * figure are left out; the adopted figure is compared, not counted as a source.
 */
export function figureSpread(
  adopted: number | null,
  records: readonly Pick<SourceRecord, FigureKey>[],
  key: FigureKey,
): FigureSpread | null {
  let min = Infinity;
  let max = -Infinity;
  let reported = 0;
  for (const r of records) {
    const v = r[key];
    if (v === null) continue;
    reported++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!reported) return null;
  return { min, max, reported, disagree: min !== max || (adopted !== null && adopted !== min) };
}

/** "4–7", or "5" when every source agrees. */
export function spreadLabel(s: FigureSpread): string {
  return s.min === s.max ? String(s.min) : `${s.min}–${s.max}`;
}
