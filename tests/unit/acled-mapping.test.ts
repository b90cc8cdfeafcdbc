import { describe, expect, it } from 'vitest';
import { mapAcledRow } from '@/lib/acled/map-row';
import { parseAcledDate } from '@/lib/acled/date';
import { choosePerpetrator } from '@/lib/acled/perpetrator';
import { validateMapped } from '@/lib/csv/mapped-row';
import { normalizeIncident } from '@/lib/incidents/normalize';
import { GroupMatcher } from '@/lib/taxonomy/groups';
import { acledRow, type AcledRow } from '../support/api-acled';

const matcher = new GroupMatcher();
const str = (o: Record<string, string | number | null | undefined>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v ?? '')]));

/** ACLED row → stored columns through the real mapping, validation and normalisation. */
function normalized(over: AcledRow = {}) {
  const mapped = mapAcledRow(str(acledRow(over)), matcher);
  const checked = validateMapped(mapped);
  if ('errors' in checked) throw new Error(JSON.stringify(checked.errors));
  return { ...normalizeIncident(checked.input, { matcher, timeZone: 'Asia/Karachi', sourceId: '' }), mapped };
}

describe('ACLED actor → group', () => {
  it.each([
    ['TTP: Tehrik-i-Taliban Pakistan', 'ttp'],
    ['ttp: tehrik-i-taliban pakistan', 'ttp'],
    ['Tehrik-e-Taliban Pakistan', 'ttp'],
    ['TJP: Tehrik-e-Jihad Pakistan', 'tjp'],
    ['BLA: Balochistan Liberation Army', 'bla'],
    ['BLA', 'bla'],
    ['Baloch Liberation Army', 'bla'],
    ['Islamic State (Khorasan)', 'iskp'],
    ['ISKP: Islamic State Khorasan Province', 'iskp'],
    ['Jaysh al-Adl', 'jaish-ul-adl'],
    ['Jaish ul-Adl', 'jaish-ul-adl'],
    ['Jaïsh ul-Ädl', 'jaish-ul-adl'],
    ['AL-QAEDA', 'al-qaida'],
    ['Unidentified Armed Group (Pakistan)', 'unknown'],
    ['Unidentified Armed Group (Afghanistan)', 'unknown'],
  ])('%s → %s', (actor1, group) => {
    expect(normalized({ actor1 }).content.groupId).toBe(group);
  });
  it('an unknown actor becomes a new group, never an error', () => {
    const n = normalized({ actor1: 'Lashkar-e-Jhangvi', inter1: 'Political militia' });
    expect(n.content.groupId).toBe('lashkar-e-jhangvi');
    expect(n.newGroup).toMatchObject({ id: 'lashkar-e-jhangvi', name: 'Lashkar-e-Jhangvi', kind: 'militant' });
    expect(n.content.actor1).toBe('Lashkar-e-Jhangvi');
  });
  it('prefers the non-state actor as perpetrator in clashes', () => {
    const n = normalized({
      actor1: 'Military Forces of Pakistan (2018-)',
      inter1: 'State forces',
      actor2: 'TTP: Tehrik-i-Taliban Pakistan',
      inter2: 'Rebel group',
      event_type: 'Battles',
      sub_event_type: 'Armed clash',
    });
    expect(n.content.groupId).toBe('ttp');
    expect(n.content.target).toBe('security-forces');
    expect(n.content.actor1).toBe('Military Forces of Pakistan (2018-)');
  });
  it('keeps state forces as perpetrator of air/drone strikes and shelling', () => {
    for (const sub_event_type of ['Air/drone strike', 'Shelling/artillery/missile attack']) {
      const n = normalized({
        actor1: 'Military Forces of Pakistan (2018-)',
        inter1: '1',
        actor2: 'TTP: Tehrik-i-Taliban Pakistan',
        inter2: '2',
        sub_event_type,
      });
      expect(n.content.groupId).toBe('pakistan-military');
      expect(n.content.target).toBe('militants');
    }
  });
  it('a new state actor becomes a state group, kept apart from militants', () => {
    const n = normalized({
      actor1: 'Military Forces of Iran (1989-)',
      inter1: 'State forces',
      actor2: '',
      sub_event_type: 'Shelling/artillery/missile attack',
    });
    expect(n.newGroup).toMatchObject({ id: 'military-forces-of-iran', kind: 'state' });
  });
  it('civilians are never the perpetrator when an armed actor is present', () => {
    const p = choosePerpetrator(
      { actor1: 'Civilians (Pakistan)', inter1: '7', actor2: 'Unidentified Armed Group (Pakistan)', subEventType: 'Attack' },
      matcher,
    );
    expect(p).toMatchObject({ actor: 'Unidentified Armed Group (Pakistan)', otherRole: 'civilian' });
  });
  it('a matcher answers a repeated actor the same way, and anew once a group is added', () => {
    const m = new GroupMatcher();
    const before = m.match('Lashkar-e-Jhangvi');
    expect(m.match(' Lashkar-e-Jhangvi')).toMatchObject({ isNew: true, group: { id: 'lashkar-e-jhangvi' } });
    expect(m.match('Lashkar-e-Jhangvi')).toEqual(before);
    m.add({ ...before.group, id: 'lej', abbreviation: 'LeJ' });
    expect(m.match('Lashkar-e-Jhangvi')).toMatchObject({ isNew: false, group: { id: 'lej' } });
    expect(m.match('LeJ: Lashkar-e-Jhangvi')).toMatchObject({ isNew: false, group: { id: 'lej' } });
  });
  it('ACLED cells name their country by iso first, then by country, and list sources split on semicolons', () => {
    const mapped = (row: AcledRow) => mapAcledRow(str(acledRow(row)), matcher);
    expect(mapped({ iso: '586', country: 'Afghanistan' }).input.country).toBe('586');
    expect(mapped({ iso: '999', country: 'Afghanistan' })).toMatchObject({
      input: { country: 'Afghanistan' },
      columns: { country: 'country' },
    });
    expect(mapped({ iso: '999', country: 'Atlantis' })).toMatchObject({ input: { country: '999' }, columns: { country: 'iso' } });
    expect(mapped({ iso: '', country: '' })).toMatchObject({ input: { country: '' }, columns: { country: 'country' } });
    expect(mapped({ source: 'Dawn' }).input.sources).toEqual(['Dawn']);
    expect(mapped({ source: ' Dawn; ; The News ;' }).input.sources).toEqual(['Dawn', 'The News']);
    expect(mapped({ source: '' }).input.sources).toEqual([]);
  });
  it('civilian_targeting sets the civilians target', () => {
    expect(
      normalized({ civilian_targeting: 'Civilian targeting', actor2: 'Civilians (Pakistan)', inter2: 'Civilians' }).content.target,
    ).toBe('civilians');
  });
});

describe('ACLED admin → region, dates and precision', () => {
  it.each([
    [{ admin1: 'Khyber Pakhtunkhwa' }, 'kp'],
    [{ admin1: 'Balochistan', admin2: 'Quetta' }, 'balochistan'],
    [{ admin1: 'Punjab', admin2: 'Lahore' }, null],
    [{ iso: 4, country: 'Afghanistan', admin1: 'Paktika', admin2: 'Barmal' }, 'barmal'],
    [{ iso: 4, country: 'Afghanistan', admin1: 'Nangarhar', admin2: 'Jalalabad' }, null],
    [{ iso: 762, country: 'Tajikistan', admin1: 'Khatlon', admin2: '' }, 'tajikistan'],
  ])('%o → %s', (over, region) => {
    expect(normalized(over).content.region).toBe(region);
  });
  it('maps iso numeric and country names to alpha-2', () => {
    expect(normalized({ iso: 586 }).content.country).toBe('PK');
    expect(normalized({ iso: '', country: 'Tajikistan' }).content.country).toBe('TJ');
  });
  it('accepts both ACLED date forms and keeps precision', () => {
    expect(parseAcledDate('2024-12-15')).toBe('2024-12-15');
    expect(parseAcledDate('15 December 2024')).toBe('2024-12-15');
    expect(parseAcledDate('5 Dec 2024')).toBe('2024-12-05');
    expect(parseAcledDate('15-Dec-2024')).toBe('2024-12-15');
    expect(parseAcledDate('31 February 2024')).toBeNull();
    expect(parseAcledDate('12/15/2024')).toBeNull();
    const n = normalized({ event_date: '15 December 2024', time_precision: 3, geo_precision: 2 });
    expect(n.content).toMatchObject({ occurredDay: 20072, hasTime: false, timePrecision: 3, geoPrecision: 2 });
  });
  it('rejects precision outside 1–3 naming the column', () => {
    const checked = validateMapped(mapAcledRow(str(acledRow({ time_precision: 4 })), matcher));
    expect(checked).toEqual({ errors: [{ column: 'time_precision', message: expect.any(String) }] });
  });
  it('fatalities → killed, injured unknown, sources split on ;', () => {
    const n = normalized({ fatalities: 0, source: 'Dawn; ;The News ' });
    expect(n.content).toMatchObject({ killed: 0, injured: null, sources: JSON.stringify(['Dawn', 'The News']) });
  });
  it('keeps unmodelled columns for export, detects cross-border tags', () => {
    const n = normalized({ tags: 'cross-border', inter1: 'Rebel group', extra_col: 'x' });
    expect(n.content.crossBorder).toBe(true);
    expect(JSON.parse(n.mapped.extra!)).toMatchObject({
      tags: 'cross-border',
      inter1: 'Rebel group',
      disorder_type: 'Political violence',
      timestamp: '1734500000',
    });
  });
});
