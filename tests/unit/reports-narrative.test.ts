import { describe, expect, it } from 'vitest';
import { percentChange } from '@/lib/reports/change';
import { breakdownRow, changeSet } from '@/lib/reports/assemble';
import { buildNarrative, deadliestSentence, extremeNote, movement, regionSentence } from '@/lib/reports/narrative';
import type { IncidentRef, RegionRow } from '@/lib/reports/types';

const kp = (incidents: number, previous: number): RegionRow => ({
  region: 'kp',
  name: 'Khyber Pakhtunkhwa',
  ...breakdownRow({ incidents, killed: 0, injured: 0 }, { incidents: previous, killed: 0, injured: 0 }),
});

describe('narrative templates', () => {
  it('renders the issue example sentence', () => {
    const s = regionSentence(kp(14, 10), [3, 5, 2, 8, 9, 4, 6, 7, 10, 11, 10, 14], { label: 'TTP', claimed: 6 });
    expect(s).toBe('Attacks in Khyber Pakhtunkhwa rose 40% to 14, the highest in 12 weeks; TTP claimed 6.');
  });
  it('describes falls, new activity, no change and a drop to zero without infinities', () => {
    expect(movement(percentChange(8, 6))).toBe('fell 25% to 6');
    expect(movement(percentChange(0, 3))).toBe('rose to 3 from none the week before');
    expect(movement(percentChange(5, 5))).toBe('were unchanged at 5');
    expect(movement(percentChange(4, 0))).toBe('fell to none from 4');
    expect(movement(percentChange(0, 0))).toBe('remained at none');
    expect(regionSentence(kp(3, 0), [0, 0, 3])).toBe(
      'Attacks in Khyber Pakhtunkhwa rose to 3 from none the week before, the highest in 3 weeks.',
    );
  });
  it('notes extremes only when strict', () => {
    expect(extremeNote([1, 2, 3])).toBe(', the highest in 3 weeks');
    expect(extremeNote([3, 2, 3])).toBe('');
    expect(extremeNote([3, 2, 1])).toBe(', the lowest in 3 weeks');
    expect(extremeNote([0, 0, 0])).toBe('');
  });
  it('names the deadliest incident and skips one without deaths', () => {
    const ref: IncidentRef = {
      id: 7,
      date: '2024-12-12',
      occurredAt: '2024-12-12T05:00:00.000Z',
      timePrecision: 1,
      place: 'Bannu, Khyber Pakhtunkhwa, PK',
      region: 'kp',
      group: 'ttp',
      groupName: 'TTP',
      eventType: 'Explosions/Remote violence',
      subEventType: 'Suicide bomb',
      killed: 12,
      injured: 30,
      claimStatus: 'claimed',
      link: '/?incident=7',
    };
    expect(deadliestSentence(ref)).toBe(
      'The deadliest incident was a suicide bomb at Bannu, Khyber Pakhtunkhwa, PK on 12 Dec 2024, killing 12.',
    );
    expect(deadliestSentence({ ...ref, subEventType: 'Armed clash' })).toMatch(/was an armed clash/);
    expect(deadliestSentence({ ...ref, killed: 0 })).toBeNull();
  });
  it('assembles a paragraph with totals, regions, imprecision and the synthetic-data notice', () => {
    const totals = { incidents: 16, killed: 21, injured: 5 };
    const previous = { incidents: 10, killed: 4, injured: 0 };
    const text = buildNarrative({
      week: '2024-W50',
      range: '9–15 Dec 2024',
      totals,
      previous,
      change: changeSet(previous, totals),
      byRegion: [kp(14, 10)],
      trend: [],
      topClaims: { kp: { label: 'TTP', claimed: 6 } },
      deadliest: null,
      imprecise: 2,
      demo: 16,
    });
    expect(text).toContain(
      'In 2024-W50 (9–15 Dec 2024) 16 incidents were recorded, against 10 the week before (+60%), with 21 killed and 5 injured; the situation deteriorated.',
    );
    expect(text).toContain('Attacks in Khyber Pakhtunkhwa rose 40% to 14; TTP claimed 6.');
    expect(text).toContain('2 incidents have only week or month precision');
    expect(text).toContain('16 rows of synthetic demo data');
  });
  it('says so plainly when nothing happened', () => {
    const z = { incidents: 0, killed: 0, injured: 0 };
    const text = buildNarrative({
      week: '2024-W50',
      range: 'r',
      totals: z,
      previous: z,
      change: changeSet(z, z),
      byRegion: [],
      trend: [],
      topClaims: {},
      deadliest: null,
      imprecise: 0,
      demo: 0,
    });
    expect(text).toBe('No incidents were recorded in 2024-W50 (r), against none the week before.');
  });
});
