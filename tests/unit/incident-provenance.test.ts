import { describe, expect, it } from 'vitest';
import { figureSpread, ledgerClaimStatus, spreadLabel } from '@/lib/incidents/provenance';
import type { ClaimRecord, SourceRecord } from '@/lib/intake/report-types';

const claim = (groupId: string, kind: ClaimRecord['kind']) => ({ groupId, kind });
const source = (killed: number | null, injured: number | null = null): Pick<SourceRecord, 'killed' | 'injured'> => ({ killed, injured });

describe('ledgerClaimStatus', () => {
  it.each([
    [[], 'unclaimed', 'unclaimed'],
    [[], 'claimed', 'claimed'],
    [[claim('ttp', 'attribution')], 'unclaimed', 'unclaimed'],
    [[claim('ttp', 'attribution'), claim('bla', 'attribution')], 'claimed', 'claimed'],
    [[claim('ttp', 'claim')], 'unclaimed', 'claimed'],
    [[claim('ttp', 'claim'), claim('ttp', 'claim')], 'unclaimed', 'claimed'],
    [[claim('ttp', 'claim'), claim('hafiz-gul-bahadur', 'claim')], 'unclaimed', 'disputed'],
    [[claim('ttp', 'claim'), claim('ttp', 'denial')], 'claimed', 'disputed'],
    [[claim('ttp', 'denial')], 'unclaimed', 'disputed'],
    // The ledger, once it holds a claim, overrides the incident's own status.
    [[claim('iskp', 'claim')], 'disputed', 'claimed'],
  ] as const)('%j with own %s → %s', (claims, own, expected) => {
    expect(ledgerClaimStatus(claims, own)).toBe(expected);
  });
});

describe('figureSpread', () => {
  it('is null when no source gives the figure', () => {
    expect(figureSpread(5, [], 'killed')).toBeNull();
    expect(figureSpread(5, [source(null)], 'killed')).toBeNull();
  });
  it('spans the sources, leaving out those without a figure', () => {
    const s = figureSpread(5, [source(4), source(null), source(7), source(5)], 'killed')!;
    expect(s).toEqual({ min: 4, max: 7, reported: 3, disagree: true });
    expect(spreadLabel(s)).toBe('4–7');
  });
  it('agrees when every source gives the adopted figure', () => {
    const s = figureSpread(6, [source(6), source(6)], 'killed')!;
    expect(s.disagree).toBe(false);
    expect(spreadLabel(s)).toBe('6');
  });
  it('disagrees with the adopted figure even when the sources agree among themselves', () => {
    expect(figureSpread(5, [source(4), source(4)], 'killed')!.disagree).toBe(true);
    expect(figureSpread(null, [source(4)], 'killed')!.disagree).toBe(false);
  });
  it('reads the injured figure apart from the killed one', () => {
    expect(figureSpread(2, [source(4, 2), source(6, 3)], 'injured')).toEqual({ min: 2, max: 3, reported: 2, disagree: true });
  });
});
