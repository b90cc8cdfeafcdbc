/**
 * Checks the labelled set itself (tests/fixtures/intake/reports): a mislabelled report would make
 * the accuracy figures lie, so every label must be a value the app can hold, and the set must keep
 * the coverage issue 18 asks for.
 */
import { describe, expect, it } from 'vitest';
import { ACLED_ROWS, HELDOUT_REPORTS, LABELLED_REPORTS, NEW_GROUP_SLUGS, type LabelledReport } from '../fixtures/intake/reports';
import { KNOWN_GROUPS } from '@/lib/taxonomy/groups';
import { REGIONS } from '@/lib/taxonomy/regions';
import { SUB_EVENT_TYPES } from '@/lib/taxonomy/event-types';
import { GAZETTEER } from '@/lib/geo/gazetteer';
import { incidentInputSchema } from '@/lib/incidents/input';

const GROUP_SLUGS = new Set<string>([...KNOWN_GROUPS.map((g) => g.id), ...NEW_GROUP_SLUGS]);

// First-level divisions as the app spells them: the gazetteer's admin1 names and the monitored
// regions, plus the remaining provinces the press names (Afghan provinces, Tajik regions).
const PROVINCES: Record<string, Set<string>> = {
  PK: new Set(['Khyber Pakhtunkhwa', 'Balochistan', 'Punjab', 'Sindh', 'Islamabad', 'Gilgit-Baltistan']),
  AF: new Set([
    'Paktika',
    'Khost',
    'Kunar',
    'Nangarhar',
    'Kandahar',
    'Kabul',
    'Paktia',
    'Zabul',
    'Helmand',
    'Badakhshan',
    'Kunduz',
    'Takhar',
    'Nuristan',
  ]),
  TJ: new Set(['Khatlon', 'Gorno-Badakhshan', 'Dushanbe', 'Sughd', 'Districts of Republican Subordination']),
};
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const byId = new Map(LABELLED_REPORTS.map((r) => [r.id, r]));
const incidentsOf = (reports: LabelledReport[]) => reports.filter((r) => r.expect.isIncident);
const incidents = incidentsOf(LABELLED_REPORTS);

/** The calendar day of an instant in Asia/Karachi (UTC+5, no daylight saving). */
const karachiDay = (iso: string) => new Date(Date.parse(iso) + 5 * 3_600_000).toISOString().slice(0, 10);
const dayDiff = (a: string, b: string) => (Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;

describe.each([
  ['labelled', LABELLED_REPORTS],
  ['held-out', HELDOUT_REPORTS],
] as [string, LabelledReport[]][])("the %s set's labels", (_name, reports) => {
  it('holds realistic reports: an outlet, a title, a text up to ~3 KB, a UTC publication instant', () => {
    for (const r of reports) {
      expect(r.outlet, r.id).not.toBe('');
      expect(r.title.length, r.id).toBeGreaterThan(10);
      expect(r.text.length, r.id).toBeGreaterThan(80);
      expect(r.text.length, r.id).toBeLessThanOrEqual(3_500);
      expect(r.publishedAt, r.id).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Number.isNaN(Date.parse(r.publishedAt)), r.id).toBe(false);
    }
    expect(Math.max(...reports.map((r) => r.text.length))).toBeGreaterThan(1_500);
  });

  it('uses only group slugs the taxonomy knows (or the documented new ones)', () => {
    for (const r of reports) if (r.expect.group !== null) expect(GROUP_SLUGS.has(r.expect.group), `${r.id}: ${r.expect.group}`).toBe(true);
  });

  it('codes incidents fully: canonical sub-event type, a place, a date, consistent casualties', () => {
    for (const { id, expect: e, publishedAt } of incidentsOf(reports)) {
      expect(SUB_EVENT_TYPES, id).toContain(e.subEventType);
      expect(e.country, id).not.toBeNull();
      expect(PROVINCES[e.country!]?.has(e.province ?? ''), `${id}: ${e.country} ${e.province}`).toBe(true);
      expect(e.district ?? e.town, id).not.toBeNull();
      expect(e.date, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // An event is reported on its day or after it, within the week a weekday name can reach
      // ("on Sunday" in a Thursday paper is four days back).
      const lag = dayDiff(karachiDay(publishedAt), e.date!);
      expect(lag, id).toBeGreaterThanOrEqual(0);
      expect(lag, id).toBeLessThanOrEqual(6);
      for (const n of [e.killed, e.injured]) if (n !== null) expect(Number.isInteger(n) && n >= 0, id).toBe(true);
      if (e.killedBy) {
        const sum = e.killedBy.security + e.killedBy.civilians + e.killedBy.militants;
        expect(e.killed, id).not.toBeNull();
        expect(sum, id).toBeLessThanOrEqual(e.killed!);
        // Our rule: a split is given only when every death has a known role.
        expect(sum, id).toBe(e.killed);
      }
      if (e.claimStatus !== 'unclaimed') expect(e.group, id).not.toBeNull();
    }
  });

  it('spells districts and towns as the gazetteer does where it knows them', () => {
    const district = new Map(GAZETTEER.filter((p) => p.admin2).map((p) => [p.admin2!, p.admin1]));
    for (const { id, expect: e } of incidentsOf(reports)) {
      if (e.district && district.has(e.district)) expect(district.get(e.district), id).toBe(e.province);
      const town = GAZETTEER.find((p) => p.name === e.town && p.country === e.country);
      if (town?.admin2) expect(e.district, id).toBe(town.admin2);
    }
  });

  it('labels a weekday named in the text as that weekday', () => {
    for (const { id, text, title, expect: e } of incidentsOf(reports)) {
      const named = WEEKDAYS.filter((d) => new RegExp(`\\b${d}`).test(`${title}\n${text}`));
      if (named.length !== 1) continue; // two weekdays (event and follow-up) are checked by hand
      expect(WEEKDAYS[new Date(`${e.date}T00:00:00Z`).getUTCDay()], id).toBe(named[0]);
    }
  });

  it('labels "yesterday" and "today" against the publication day in Pakistan', () => {
    for (const { id, text, publishedAt, expect: e } of incidentsOf(reports)) {
      const day = karachiDay(publishedAt);
      if (/\byesterday\b/i.test(text) && !/\b(today|on \w+day)\b/i.test(text)) expect(dayDiff(day, e.date!), id).toBe(1);
      const otherDay =
        /\b(yesterday|\w+day's|on \w+day|on (January|February|March|April|May|June|July|August|September|October|November|December) \d)/i;
      if (/\btoday\b/.test(text) && !otherDay.test(text)) expect(e.date, id).toBe(day);
    }
  });

  it('invents nothing for reports that are not incidents', () => {
    const not = reports.filter((r) => !r.expect.isIncident);
    for (const { id, expect: e } of not) {
      expect([e.town, e.district, e.province, e.country, e.group, e.killed, e.injured, e.killedBy, e.subEventType, e.date], id).toEqual(
        Array(10).fill(null),
      );
      expect(e.claimStatus, id).toBe('unclaimed');
      expect(e.crossBorder, id).toBe(false);
    }
  });
});

describe('the labelled intake set', () => {
  it('is large enough and its ids are unique, also beside the held-out set', () => {
    expect(LABELLED_REPORTS.length).toBeGreaterThanOrEqual(110);
    expect(byId.size).toBe(LABELLED_REPORTS.length);
    expect(HELDOUT_REPORTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set([...LABELLED_REPORTS, ...HELDOUT_REPORTS].map((r) => r.id)).size).toBe(LABELLED_REPORTS.length + HELDOUT_REPORTS.length);
    expect(LABELLED_REPORTS.filter((r) => !r.expect.isIncident).length).toBeGreaterThanOrEqual(15);
  });

  it('pairs reports of the same event: existing ids, same place and day, at least 12 pairs', () => {
    const pairs = LABELLED_REPORTS.filter((r) => r.sameEventAs);
    expect(pairs.length).toBeGreaterThanOrEqual(12);
    for (const r of pairs) {
      const other = byId.get(r.sameEventAs!);
      expect(other, r.id).toBeDefined();
      expect(other!.id, r.id).not.toBe(r.id);
      expect(other!.outlet, `${r.id}: the same story from two outlets`).not.toBe(r.outlet);
      expect(r.expect.isIncident && other!.expect.isIncident, r.id).toBe(true);
      expect(Math.abs(dayDiff(r.expect.date!, other!.expect.date!)), r.id).toBeLessThanOrEqual(1);
      expect(r.expect.district ?? r.expect.town, r.id).toBe(other!.expect.district ?? other!.expect.town);
      expect(r.expect.subEventType, r.id).toBe(other!.expect.subEventType);
    }
  });

  it('has ACLED rows for events it reports, valid for POST /api/incidents', () => {
    expect(ACLED_ROWS.length).toBeGreaterThanOrEqual(3);
    for (const row of ACLED_ROWS) {
      const report = byId.get(row.sameEventAs);
      expect(report?.expect.isIncident, row.sameEventAs).toBe(true);
      const parsed = incidentInputSchema.safeParse(row.incident);
      expect(parsed.error?.issues ?? [], row.sameEventAs).toEqual([]);
      expect(row.incident.occurredAt, row.sameEventAs).toBe(report!.expect.date);
      expect(row.incident.subEventType, row.sameEventAs).toBe(report!.expect.subEventType);
    }
  });

  it('covers every sub-event type the issue names, and every monitored region', () => {
    const subs = new Set(incidents.map((r) => r.expect.subEventType));
    for (const s of [
      'Suicide bomb',
      'Remote explosive/landmine/IED',
      'Air/drone strike',
      'Armed clash',
      'Attack',
      'Abduction/forced disappearance',
      'Grenade',
      'Shelling/artillery/missile attack',
    ])
      expect(subs.has(s), s).toBe(true);
    const count = (f: (r: (typeof incidents)[number]) => boolean) => incidents.filter(f).length;
    expect(count((r) => r.expect.province === REGIONS.find((g) => g.id === 'balochistan')!.name)).toBeGreaterThanOrEqual(10);
    expect(count((r) => r.expect.province === 'Khyber Pakhtunkhwa')).toBeGreaterThanOrEqual(10);
    expect(
      count((r) => r.expect.district === 'Barmal' || r.expect.province === 'Paktika' || r.expect.country === 'AF'),
    ).toBeGreaterThanOrEqual(5);
    expect(count((r) => r.expect.country === 'TJ')).toBeGreaterThanOrEqual(5);
  });

  it('includes the hard cases: claims, disputes, Fitna al-Hindustan unnamed, unidentified gunmen, cross-border, split unknown', () => {
    const count = (f: (e: (typeof incidents)[number]['expect']) => boolean) => incidents.filter((r) => f(r.expect)).length;
    expect(count((e) => e.claimStatus === 'claimed')).toBeGreaterThanOrEqual(10);
    expect(count((e) => e.claimStatus === 'disputed')).toBeGreaterThanOrEqual(3);
    expect(count((e) => e.group === 'baloch-separatists')).toBeGreaterThanOrEqual(3);
    expect(count((e) => e.group === null)).toBeGreaterThanOrEqual(15);
    expect(count((e) => e.crossBorder)).toBeGreaterThanOrEqual(10);
    expect(count((e) => e.killed !== null && e.killed > 0 && e.killedBy === null)).toBeGreaterThanOrEqual(2);
    expect(count((e) => (e.killedBy?.militants ?? 0) > 0)).toBeGreaterThanOrEqual(8);
    const texts = LABELLED_REPORTS.map((r) => `${r.title}\n${r.text}`).join('\n');
    for (const phrase of [
      'martyred',
      'two policemen and a civilian',
      'D.I. Khan',
      'DI Khan',
      'N. Waziristan',
      'Fitna al-Hindustan',
      'khwarij',
      'Daesh',
      'a dozen',
      'yesterday',
      'today',
      'December 3',
      'late Saturday night',
    ])
      expect(texts.toLowerCase(), phrase).toContain(phrase.toLowerCase());
  });
});
