import { describe, expect, it } from 'vitest';
import { dayRange } from '@/lib/datasets/day-range';
import { actorSimilarity, compareDatasetRows, typeCompatibility, type MatchableRow } from '@/lib/datasets/match-score';
import { datasetMask, datasetOfSource, maskOf, namesOf } from '@/lib/datasets/dataset-bits';
import { dayNumber } from '@/lib/time/zone';

const D = dayNumber('2024-03-16');
const base: MatchableRow = {
  id: 1,
  source: 'acled',
  occurredDay: D,
  timePrecision: 1,
  acledExtra: null,
  lat: 32.9717,
  lon: 70.2676,
  geoPrecision: 1,
  admin2: 'North Waziristan',
  location: 'Mir Ali',
  eventType: 'Battles',
  subEventType: 'Armed clash',
  groupId: 'ttp',
  actor1: 'TTP: Tehrik-i-Taliban Pakistan',
  actor2: 'Military Forces of Pakistan (2018-)',
  killed: 7,
};
const other = (o: Partial<MatchableRow>): MatchableRow => ({ ...base, id: 2, source: 'ucdp', ...o });
/** A point `km` north of the base point. */
const north = (km: number) => ({ lat: base.lat + km / 111.2 });

describe('dataset match scoring', () => {
  it('the same event in two datasets scores high with its reasons', () => {
    const v = compareDatasetRows(base, other({ actor1: 'Government of Pakistan', actor2: 'TTP', ...north(0.4) }))!;
    expect(v).toMatchObject({ dayGap: 0, typeCompatibility: 'same-sub-event', actorSimilarity: 1 });
    expect(v.distanceKm).toBeCloseTo(0.4, 1);
    expect(v.score).toBeGreaterThan(0.9);
  });

  it('is symmetric', () => {
    const b = other({
      occurredDay: D + 1,
      ...north(12),
      subEventType: 'Attack',
      eventType: 'Violence against civilians',
      groupId: 'unknown',
    });
    expect(compareDatasetRows(base, b)).toEqual(compareDatasetRows(b, base));
  });

  it.each([
    ['one day apart', { occurredDay: D + 1 }, true],
    ['two days apart', { occurredDay: D + 2 }, false],
    ['two days before', { occurredDay: D - 2 }, false],
    ['29 km away', north(29), true],
    ['31 km away', north(31), false],
    ['a protest', { eventType: 'Protests', subEventType: 'Peaceful protest' }, false],
    ['a strategic development', { eventType: 'Strategic developments', subEventType: 'Looting/property destruction' }, false],
    ['an explosion (related type)', { eventType: 'Explosions/Remote violence', subEventType: 'Suicide bomb' }, true],
  ] as [string, Partial<MatchableRow>, boolean][])('%s → %s', (_, o, proposed) => {
    expect(compareDatasetRows(base, other(o)) !== null).toBe(proposed);
  });

  it('a province centroid needs the same district, at any distance', () => {
    expect(compareDatasetRows(base, other({ geoPrecision: 3, ...north(60) }))).not.toBeNull();
    expect(compareDatasetRows(base, other({ geoPrecision: 3, admin2: 'Bannu', ...north(5) }))).toBeNull();
  });

  it('date ranges: UCDP date_end, GTD unknown day and month, ACLED precision', () => {
    const ucdp = { source: 'ucdp', occurredDay: dayNumber('2024-05-05'), timePrecision: 2, acledExtra: '{"date_end":"2024-05-09"}' };
    expect(dayRange(ucdp)).toEqual([dayNumber('2024-05-05'), dayNumber('2024-05-09')]);
    expect(dayRange({ source: 'gtd', occurredDay: dayNumber('2024-06-15'), timePrecision: 3, acledExtra: null })).toEqual([
      dayNumber('2024-06-01'),
      dayNumber('2024-06-30'),
    ]);
    expect(dayRange({ source: 'gtd', occurredDay: dayNumber('2024-07-01'), timePrecision: 3, acledExtra: null })).toEqual([
      dayNumber('2024-01-01'),
      dayNumber('2024-12-31'),
    ]);
    expect(dayRange({ source: 'acled', occurredDay: D, timePrecision: 2, acledExtra: null })).toEqual([D - 3, D + 3]);
    // A range ending the day before overlaps the window; one known only to the year is too vague to propose.
    expect(
      compareDatasetRows(other({ ...ucdp, occurredDay: dayNumber('2024-03-10'), acledExtra: '{"date_end":"2024-03-15"}' }), base)?.dayGap,
    ).toBe(1);
    expect(compareDatasetRows(other({ source: 'gtd', occurredDay: dayNumber('2024-07-01'), timePrecision: 3 }), base)).toBeNull();
  });

  it('types and actors', () => {
    expect(typeCompatibility(base, { eventType: 'Battles', subEventType: 'Government regains territory' })).toBe('same-event');
    expect(typeCompatibility(base, { eventType: 'Riots', subEventType: 'Mob violence' })).toBe('incompatible');
    expect(actorSimilarity(base, other({ groupId: 'unknown', actor1: 'Tehrik-i-Taliban Pakistan', actor2: null }))).toBeGreaterThan(0.5);
    expect(actorSimilarity(base, other({ groupId: 'bla', actor1: 'BLA', actor2: 'Civilians' }))).toBe(0);
  });

  it('dataset bits: origins, the simulator as demo, anything else as api', () => {
    expect(['acled', 'ucdp', 'gtd', 'report', 'demo', 'simulator', 'api', 'native', 'partner'].map(datasetOfSource)).toEqual([
      'acled',
      'ucdp',
      'gtd',
      'report',
      'demo',
      'demo',
      'api',
      'api',
      'api',
    ]);
    expect(namesOf(datasetMask('acled', maskOf(['ucdp', 'gtd'])))).toEqual(['acled', 'ucdp', 'gtd']);
    expect(datasetOfSource('constructor')).toBe('api');
  });
});
