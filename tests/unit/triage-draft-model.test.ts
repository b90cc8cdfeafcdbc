import { describe, expect, it } from 'vitest';
import { draftOverrides, missingRequired, parseCount, placeLabel, withPlace } from '@/components/triage/draft-model';
import { parseTriageUrl, triageSearch } from '@/components/triage/queue-url';
import type { IntakePlace } from '@/lib/intake/place-types';
import type { ReportDraft } from '@/lib/intake/report-types';

const draft: ReportDraft = {
  occurredAt: '2026-12-01',
  timePrecision: 1,
  country: 'PK',
  admin1: 'Khyber Pakhtunkhwa',
  admin2: 'Bannu',
  location: 'Bannu',
  lat: 32.99,
  lon: 70.6,
  geoPrecision: 1,
  eventType: 'Battles',
  subEventType: 'Armed clash',
  group: null,
  claimStatus: 'unclaimed',
  target: 'security-forces',
  killed: 3,
  injured: null,
  killedBy: { security: 3, civilians: null, militants: null },
  injuredBy: null,
  crossBorder: false,
  sources: ['https://example.test/a'],
  notes: 'Three soldiers martyred in Bannu',
};

describe('draft model', () => {
  it('names the required fields still empty', () => {
    expect(missingRequired(draft)).toEqual(['group']);
    expect(missingRequired({ ...draft, group: 'ttp', lat: null, eventType: null })).toEqual(['lat', 'eventType']);
  });

  it('sends only the fields the analyst changed, a cleared one as null', () => {
    expect(draftOverrides(draft, draft)).toEqual({});
    const edited = { ...draft, group: 'ttp', killedBy: { security: 2, civilians: 1, militants: null }, notes: null };
    expect(draftOverrides(draft, edited)).toEqual({ group: 'ttp', killedBy: edited.killedBy, notes: null });
  });

  it('fills the place fields from a gazetteer entry, precision by kind', () => {
    const district: IntakePlace = {
      name: 'North Waziristan',
      kind: 'district',
      country: 'PK',
      admin1: 'Khyber Pakhtunkhwa',
      admin2: 'North Waziristan',
      lat: 32.3,
      lon: 69.9,
      population: null,
    };
    expect(withPlace(draft, district)).toMatchObject({ admin2: 'North Waziristan', location: null, lat: 32.3, geoPrecision: 2 });
    expect(placeLabel(district)).toBe('North Waziristan (district) · Khyber Pakhtunkhwa, PK');
  });

  it('reads counts as whole numbers ≥ 0, blank as unknown', () => {
    expect(parseCount('')).toBeNull();
    expect(parseCount('4')).toBe(4);
    expect(parseCount('-1')).toBeNull();
  });
});

describe('triage URL', () => {
  it('round-trips the queue filter and the open report, leaving defaults out', () => {
    const state = parseTriageUrl(new URLSearchParams('status=merged&sourceId=3&region=kp&q=bannu&report=12'));
    expect(state).toEqual({ filter: { status: 'merged', sourceId: 3, region: 'kp', q: 'bannu' }, report: 12 });
    expect(triageSearch(state)).toBe('?status=merged&sourceId=3&region=kp&q=bannu&report=12');
    expect(triageSearch(parseTriageUrl(new URLSearchParams()))).toBe('');
  });

  it('falls back to the new queue for unknown values', () => {
    expect(parseTriageUrl(new URLSearchParams('status=bogus&sourceId=-2&region=mars&report=x'))).toEqual({
      filter: { status: 'new', sourceId: null, region: null, q: null },
      report: null,
    });
  });
});
