import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forEachCsvRecord } from '@/lib/csv/parse';
import { rowValidator, type ImportFormat } from '@/lib/import/validate-rows';
import { GroupMatcher } from '@/lib/taxonomy/groups';
import { mapUcdpRow, UCDP_DATE_PRECISION, UCDP_WHERE_PRECISION } from '@/lib/ucdp/map-row';
import { gtdDate, gtdEventType } from '@/lib/gtd/map-row';
import { GTD_SPECIFICITY } from '@/lib/gtd/tables';
import { datasetActorName } from '@/lib/datasets/actor-names';
import { actorRole } from '@/lib/acled/perpetrator';
import { parseAcledDate } from '@/lib/acled/date';
import { acledCsv, acledRow } from '../support/api-acled';

const fixture = (name: string) => readFileSync(`tests/fixtures/datasets/${name}.csv`, 'utf8');

/** A file through the import's own reader and row validation (what both writers receive). */
function validate(text: string, format: ImportFormat) {
  const v = rowValidator(new GroupMatcher(), { format, timeZone: 'Asia/Karachi' });
  const read = forEachCsvRecord(text, v.tableOptions, v.onRecord);
  const out = v.finish(read.errors);
  return { ...out, byId: new Map(out.rows.map((n) => [n.content.sourceId, n.content])) };
}

describe('UCDP GED rows', () => {
  const { errors, byId, count } = validate(fixture('ucdp-ged'), 'ucdp');
  it('reads every fixture row (49 columns in GED order) without errors', () => {
    expect(errors).toEqual([]);
    expect(count).toBe(6);
  });
  it('state-based: the non-state side is the perpetrator, deaths split by side', () => {
    expect(byId.get('500001')).toMatchObject({
      source: 'ucdp',
      groupId: 'ttp',
      eventType: 'Battles',
      subEventType: 'Armed clash',
      target: 'security-forces',
      killed: 7,
      killedSecurity: 2,
      killedMilitants: 5,
      killedCivilians: 0,
      actor1: 'Government of Pakistan',
      actor2: 'TTP',
      admin1: 'Khyber Pakhtunkhwa',
      admin2: 'North Waziristan',
      timePrecision: 1,
      geoPrecision: 1,
      region: 'kp',
    });
    expect(JSON.parse(byId.get('500001')!.acledExtra!)).toMatchObject({ low: '7', high: '9', where_prec: '1', date_prec: '1' });
  });
  it('one-sided: "IS" is ISKP through the taxonomy, civilians the target', () => {
    expect(byId.get('500002')).toMatchObject({ groupId: 'iskp', eventType: 'Violence against civilians', subEventType: 'Attack' });
    expect(byId.get('500002')).toMatchObject({ target: 'civilians', killed: 55, killedCivilians: 54, killedMilitants: 1 });
    expect(byId.get('500002')!.notes).toMatch(/deaths best 55 \(low 55, high 63\)/);
  });
  it('date ranges and precision codes: the range start, coarsened; the range in the notes', () => {
    expect(byId.get('500003')).toMatchObject({ timePrecision: 2, geoPrecision: 2, groupId: 'bla', region: 'balochistan' });
    expect(byId.get('500003')!.notes).toMatch(/dates 2024-03-25 to 2024-03-27/);
    expect(byId.get('500004')).toMatchObject({ timePrecision: 3, geoPrecision: 3, killed: 6, killedMilitants: 5 });
    expect(byId.get('500005')).toMatchObject({ timePrecision: 3, geoPrecision: 3, country: 'TJ', region: 'tajikistan' });
  });
  it('precision tables cover every code', () => {
    expect(Object.keys(UCDP_DATE_PRECISION)).toEqual(['1', '2', '3', '4', '5']);
    expect(Object.keys(UCDP_WHERE_PRECISION)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });
  it('bad rows: missing coordinates, unknown codes, each named by row and column', () => {
    const bad = validate(fixture('ucdp-ged-bad'), 'ucdp');
    expect(bad.rows).toEqual([]);
    expect(bad.errors).toEqual([
      { row: 3, column: 'latitude', message: 'must be a number' },
      { row: 3, column: 'longitude', message: 'must be a number' },
      { row: 4, column: 'date_prec', message: expect.stringMatching(/"9" is not one of/) },
      { row: 5, column: 'type_of_violence', message: expect.stringMatching(/"4" is not one of/) },
    ]);
  });
  it('a date_end before date_start is an error on date_end', () => {
    const m = mapUcdpRow({ id: '1', date_start: '2024-03-05', date_end: '2024-03-01' }, new GroupMatcher());
    expect(m.errors).toContainEqual({ column: 'date_end', message: expect.stringMatching(/before date_start/) });
  });
});

describe('GTD rows', () => {
  const { errors, byId } = validate(fixture('gtd'), 'gtd');
  it('reads the 135-column fixture without errors', () => expect(errors).toEqual([]));
  it('a claimed suicide bombing of police', () => {
    expect(byId.get('202001150007')).toMatchObject({
      source: 'gtd',
      groupId: 'ttp',
      eventType: 'Explosions/Remote violence',
      subEventType: 'Suicide bomb',
      claimStatus: 'claimed',
      target: 'security-forces',
      killed: 6,
      injured: 12,
      killedMilitants: 1,
      timePrecision: 1,
      geoPrecision: 1,
    });
  });
  it('day 0 and month 0: the middle of the span, precision 3, said in the notes', () => {
    expect(byId.get('201906000004')).toMatchObject({ timePrecision: 3, subEventType: 'Armed clash', groupId: 'bla' });
    expect(byId.get('201906000004')!.notes).toMatch(/GTD date: day unknown \(June 2019\)/);
    expect(byId.get('201700000012')).toMatchObject({ timePrecision: 3, geoPrecision: 3, groupId: 'unknown', killed: null, location: null });
    expect(gtdDate({ iyear: '2017', imonth: '0', iday: '0' }, [])).toEqual({
      date: '2017-07-01',
      precision: 3,
      unknown: 'month and day unknown',
    });
    expect(gtdDate({ iyear: '2019', imonth: '6', iday: '0' }, [])).toMatchObject({ date: '2019-06-15', precision: 3 });
  });
  it('approximate dates, doubtterr, specificity and a suspected perpetrator', () => {
    const tj = byId.get('201805120021')!;
    expect(tj).toMatchObject({ timePrecision: 2, geoPrecision: 2, eventType: 'Strategic developments', region: 'tajikistan' });
    expect(tj.notes).toMatch(/approximate date: May 11-12, 2018/);
    expect(tj.notes).toMatch(/doubts this is terrorism proper \(Insurgency\/Guerilla Action\)/);
    expect(byId.get('201511200033')).toMatchObject({ groupId: 'iskp', claimStatus: 'disputed', target: 'civilians' });
    expect(Object.keys(GTD_SPECIFICITY)).toEqual(['1', '2', '3', '4', '5']);
  });
  it.each([
    ['Assassination', false, 'Police', 'Attack'],
    ['Armed Assault', false, 'Military', 'Armed clash'],
    ['Armed Assault', false, 'Private Citizens & Property', 'Attack'],
    ['Bombing/Explosion', false, 'Police', 'Remote explosive/landmine/IED'],
    ['Bombing/Explosion', true, 'Police', 'Suicide bomb'],
    ['Hijacking', false, '', 'Abduction/forced disappearance'],
    ['Hostage Taking (Barricade Incident)', false, '', 'Abduction/forced disappearance'],
    ['Hostage Taking (Kidnapping)', false, '', 'Abduction/forced disappearance'],
    ['Facility/Infrastructure Attack', false, '', 'Looting/property destruction'],
    ['Unarmed Assault', false, '', 'Attack'],
    ['Unknown', false, '', 'Attack'],
  ])('%s (suicide %s, target %s) → %s', (attack, suicide, target, sub) => {
    expect(gtdEventType(attack, suicide, target)?.subEventType).toBe(sub);
  });
  it('bad rows: day 31 of February, month 13, an unknown attack type', () => {
    const bad = validate(fixture('gtd-bad'), 'gtd');
    expect(bad.rows).toEqual([]);
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'iday'],
      [3, 'imonth'],
      [4, 'attacktype1_txt'],
    ]);
  });
});

describe('ACLED variants', () => {
  const matcher = new GroupMatcher();
  it.each([
    ['1', 'state'],
    ['State forces', 'state'],
    ['State Forces', 'state'],
    ['External/Other forces', 'state'],
    ['8', 'state'],
    ['Rebel group', 'armed'],
    ['2', 'armed'],
    ['Civilians', 'civilian'],
    ['7', 'civilian'],
    ['Protesters', 'civilian'],
  ])('inter %s → %s for an actor we have never seen', (inter, role) => {
    expect(actorRole('Some New Actor', inter, matcher)).toBe(role);
  });
  it('dates as 2024-12-15 or 15 December 2024', () => {
    expect(parseAcledDate('15 December 2024')).toBe('2024-12-15');
    expect(parseAcledDate('2024-12-15')).toBe('2024-12-15');
  });
  it('a dyadic file: one incident per event_id_cnty, fatalities once', () => {
    const { rows, errors, count } = validate(fixture('acled-dyadic'), 'acled');
    expect(errors).toEqual([]);
    expect(count).toBe(6);
    expect(rows.map((n) => [n.content.sourceId, n.content.killed, n.content.groupId])).toEqual([
      ['PAK9001', 8, 'ttp'],
      ['PAK9002', 3, 'bla'],
      ['AFG9003', 2, 'iskp'],
    ]);
  });
  it("a monadic-style pair (one actor a row): the second row's actor becomes actor2", () => {
    const first = acledRow({ event_id_cnty: 'PAK7', actor2: '', inter2: '' });
    const second = acledRow({ event_id_cnty: 'PAK7', actor1: 'Military Forces of Pakistan (2018-)', inter1: 'State forces', actor2: '' });
    const { rows, errors } = validate(acledCsv([first, second]), 'acled');
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0].content).toMatchObject({
      actor1: 'TTP: Tehrik-i-Taliban Pakistan',
      actor2: 'Military Forces of Pakistan (2018-)',
      killed: 5,
    });
  });
  it('a repeated id that is not the same event stays an error', () => {
    const { errors } = validate(
      acledCsv([
        acledRow({ event_id_cnty: 'PAK8' }),
        acledRow({ event_id_cnty: 'PAK8', fatalities: 9, actor1: 'BLA', actor2: 'TTP: Tehrik-i-Taliban Pakistan' }),
      ]),
      'acled',
    );
    expect(errors).toEqual([{ row: 3, column: 'event_id_cnty', message: expect.stringMatching(/duplicate id "PAK8" \(also on row 2\)/) }]);
  });
});

describe('dataset actor names', () => {
  it.each([
    ['Government of Pakistan', 'Military Forces of Pakistan'],
    ['IS', 'ISKP'],
    ['Khorasan Chapter of the Islamic State', 'ISKP'],
    ['TTP', 'TTP'],
  ])('%s → %s', (name, canonical) => expect(datasetActorName(name)).toBe(canonical));
});
