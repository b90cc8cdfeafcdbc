import { describe, expect, it } from 'vitest';
import { compareEvents, MAX_CANDIDATES, mergeCandidates, rankCandidates, type CandidateIncident } from '@/lib/intake/candidates';
import { draftKey, groupRelation, type EventKey } from '@/lib/intake/event-key';
import type { ReportDraft } from '@/lib/intake/report-types';

/** A suicide bombing in Mir Ali, North Waziristan (the report's side). */
const report: EventKey = {
  day: 20_000,
  admin1: 'khyber pakhtunkhwa',
  admin2: 'north waziristan',
  location: 'mir ali',
  lat: 32.97,
  lon: 70.27,
  geoPrecision: 1,
  eventType: 'Explosions/Remote violence',
  subEventType: 'Suicide bomb',
  group: 'hafiz-gul-bahadur',
  killed: 5,
};
let next = 1;
const inc = (k: Partial<EventKey>, source = 'api'): CandidateIncident => ({ id: next++, source, key: { ...report, ...k } });

describe('candidate scoring', () => {
  it('scores the same event near 1 with reasons an analyst can read', () => {
    const c = compareEvents(report, report);
    expect(c.compatible).toBe(true);
    expect(c.score).toBe(1);
    expect(c.reasons).toEqual(['same day', 'same town', 'same type (Suicide bomb)', 'same group', 'killed 5 vs 5']);
  });

  it('says how far away a nearby town is, and counts the same district', () => {
    const c = compareEvents(report, { ...report, location: 'miranshah', lat: 33.0, lon: 70.07 });
    expect(c.reasons).toContain('same district');
    expect(c.reasons.find((r) => r.endsWith('km away'))).toMatch(/^1\d km away$/);
    expect(c.score).toBeLessThan(compareEvents(report, report).score);
  });

  it('offers nothing more than a day apart, farther than 30 km in another district, or with both type and group different', () => {
    expect(compareEvents(report, { ...report, day: 20_002 }).compatible).toBe(false);
    expect(compareEvents(report, { ...report, admin2: 'bannu', location: 'bannu', lat: 32.99, lon: 70.6 }).compatible).toBe(false);
    expect(compareEvents(report, { ...report, eventType: 'Battles', subEventType: 'Armed clash', group: 'ttp' }).compatible).toBe(false);
    // Only one of them differs: still a candidate, with the difference shown.
    const clash = compareEvents(report, { ...report, eventType: 'Battles', subEventType: 'Armed clash' });
    expect(clash.compatible).toBe(true);
    expect(clash.reasons).toContain('type differs (Suicide bomb vs Armed clash)');
    expect(compareEvents({ ...report, day: null }, report).compatible).toBe(false);
  });

  it('does not measure distance from a province’s centre', () => {
    const province = { ...report, admin2: null, location: null, geoPrecision: 3 };
    expect(compareEvents(province, { ...report, admin2: 'bannu', location: 'bannu' }).compatible).toBe(false);
  });

  it('relates groups of one family and treats an unnamed group as no conflict', () => {
    expect(groupRelation('baloch-separatists', 'blf')).toBe('family');
    expect(groupRelation('jamaat-ul-ahrar', 'ttp')).toBe('family');
    expect(groupRelation('unknown', 'ttp')).toBe('unnamed');
    expect(groupRelation(null, 'ttp')).toBe('unnamed');
    expect(groupRelation('ttp', 'iskp')).toBe('different');
  });

  it('ranks best first, drops weak matches, and puts a close ACLED row first', () => {
    const exact = inc({});
    const acled = inc({ killed: 7 }, 'acled');
    const weak = inc({ day: 20_001, location: null, lat: null, lon: null, subEventType: null, eventType: null, group: null, killed: null });
    const ranked = rankCandidates(report, [weak, exact, acled]);
    expect(ranked.map((c) => c.incidentId)).toEqual([acled.id, exact.id]);
    expect(ranked[0].reasons).toContain('ACLED');
    // An ACLED row far below the best is not promoted.
    const poorAcled = inc({ day: 20_001, location: 'datta khel', lat: 32.93, lon: 69.98, group: null, killed: 40 }, 'acled');
    expect(rankCandidates(report, [poorAcled, exact])[0].incidentId).toBe(exact.id);
    expect(
      rankCandidates(
        report,
        Array.from({ length: 9 }, () => inc({})),
      ),
    ).toHaveLength(MAX_CANDIDATES);
  });

  it('merges the lists of one story: each incident at its best score, ACLED first', () => {
    const merged = mergeCandidates([
      [{ incidentId: 1, score: 0.9, reasons: ['same day'] }],
      [
        { incidentId: 2, score: 0.85, reasons: ['same day', 'ACLED'] },
        { incidentId: 1, score: 0.95, reasons: ['same town'] },
      ],
    ]);
    expect(merged.map((c) => [c.incidentId, c.score])).toEqual([
      [2, 0.85],
      [1, 0.95],
    ]);
  });

  it('reads a draft’s date as the day and folds its place names', () => {
    const k = draftKey({ occurredAt: '2025-10-07', admin2: 'Dera Ismail Khan', location: ' Kulachi ' } as ReportDraft);
    expect(k).toMatchObject({ day: 20_368, admin2: 'dera ismail khan', location: 'kulachi' });
    expect(draftKey({ occurredAt: null } as ReportDraft).day).toBeNull();
  });
});
