/** Hand-built inputs for the mail composers' unit tests: a full WeeklyReport whose names carry markup, CRLF and foreign URLs. */
import { breakdownRow, changeSet } from '@/lib/reports/assemble';
import type { IncidentRef, TrendWeek, WeeklyReport } from '@/lib/reports/types';

export const EVIL = `<script>alert(1)</script><img src="http://evil.example/pixel.png"> O'Neil & "co"\r\nBcc: eve@evil.example`;

const split = { security: 4, civilians: 3, militants: 2, unattributed: 1 };

const ref = (id: number, over: Partial<IncidentRef> = {}): IncidentRef => ({
  id,
  date: '2024-12-10',
  occurredAt: '2024-12-10T04:00:00.000Z',
  timePrecision: 1,
  place: `Bannu ${EVIL}`,
  region: 'kp',
  group: 'ttp',
  groupName: `TTP ${EVIL}`,
  eventType: 'Explosions/Remote violence',
  subEventType: `Suicide bomb ${EVIL}`,
  killed: 7,
  injured: null,
  claimStatus: 'claimed',
  link: `/?incident=${id}`,
  ...over,
});

export function trendFixture(): TrendWeek[] {
  return Array.from({ length: 12 }, (_, i) => ({
    week: `2024-W${String(39 + i).padStart(2, '0')}`,
    start: new Date(Date.UTC(2024, 8, 23 + i * 7)).toISOString().slice(0, 10),
    incidents: i === 11 ? 17 : i,
    killed: i * 2,
    injured: i * 3,
    byRegion: {},
  }));
}

export function weeklyReportFixture(over: Partial<WeeklyReport> = {}): WeeklyReport {
  const cur = { incidents: 17, killed: 41, injured: 58 };
  const prev = { incidents: 12, killed: 30, injured: 60 };
  const row = (c: typeof cur, p: typeof prev) => {
    const b = breakdownRow(c, p);
    return { ...b, change: { incidents: changeSet(p, c).incidents, killed: changeSet(p, c).killed } };
  };
  return {
    week: '2024-W50',
    start: '2024-12-09',
    end: '2024-12-15',
    startsAt: '2024-12-08T19:00:00.000Z',
    endsAt: '2024-12-15T19:00:00.000Z',
    timeZone: 'Asia/Karachi',
    complete: true,
    filters: { group: [], region: [], source: [] },
    totals: { ...cur, killedBy: split, injuredBy: split },
    previous: { ...prev, killedBy: split, injuredBy: split, week: '2024-W49' },
    fourWeekAverage: { incidents: 10.5, killed: 22, injured: 40, weeks: ['2024-W46', '2024-W47', '2024-W48', '2024-W49'] },
    change: { previous: changeSet(prev, cur), fourWeekAverage: changeSet({ incidents: 10.5, killed: 22, injured: 40 }, cur) },
    byRegion: [
      {
        ...row({ incidents: 11, killed: 30, injured: 40 }, { incidents: 8, killed: 20, injured: 41 }),
        region: 'kp',
        name: `Khyber ${EVIL}`,
      },
      { ...row({ incidents: 6, killed: 11, injured: 18 }, { incidents: 4, killed: 10, injured: 19 }), region: 'none', name: 'Elsewhere' },
    ],
    byGroup: [
      {
        ...row({ incidents: 17, killed: 41, injured: 58 }, prev),
        group: 'evil',
        name: EVIL,
        abbreviation: null,
        colour: 'red;background-image:url(http://evil.example/x.png)',
        claimed: 3,
      },
    ],
    byType: [],
    trend: trendFixture(),
    notable: [ref(101), ref(102, { timePrecision: 3, killed: null })],
    alerts: [],
    newActors: [],
    crossBorder: [],
    crossBorderCount: 2,
    claims: [],
    imprecise: { count: 1, ids: [102] },
    provenance: { demo: 0, imported: 17, live: 0 },
    revisions: { deleted: 0, updated: 0 },
    narrative: `Violence rose. ${EVIL}`,
    ...over,
  };
}
