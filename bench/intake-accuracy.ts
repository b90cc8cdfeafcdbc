/**
 * `npx tsx bench/intake-accuracy.ts`: each intake extractor on its own against the labelled set
 * (tests/fixtures/intake/reports), the fields the issue sets targets for. A measurement for
 * docs/intake.md until the combined extraction and its threshold test land; not a test itself.
 */
import { LABELLED_REPORTS, type LabelledReport } from '../tests/fixtures/intake/reports/index';
import { resolvePlace } from '@/lib/intake/places';
import { attribution } from '@/lib/intake/groups';
import { resolveDate } from '@/lib/intake/dates';
import { crossBorder } from '@/lib/intake/cross-border';
import { parseCasualties } from '@/lib/intake/casualties';
import { classifyEvent } from '@/lib/intake/event-type';
import { isIncidentReport } from '@/lib/intake/not-incident';

const TIME_ZONE = 'Asia/Karachi';
const analysed = (r: LabelledReport) => `${r.title}\n${r.text}`;

/** "District or town right": the labelled town, or a place in (or being) the labelled district; with neither labelled, the province. */
function placeRight(r: LabelledReport): boolean {
  const p = resolvePlace(analysed(r))?.place;
  const e = r.expect;
  if (!p) return false;
  if (e.town && p.name === e.town) return true;
  if (e.district) return p.admin2 === e.district || (p.kind === 'district' && p.name === e.district);
  return !e.town && (p.admin1 === e.province || p.name === e.province);
}

function splitRight(r: LabelledReport): boolean {
  const got = parseCasualties(analysed(r)).killedBy;
  const want = r.expect.killedBy;
  if (!want) return got === null;
  return (
    !!got && (got.security ?? 0) === want.security && (got.civilians ?? 0) === want.civilians && (got.militants ?? 0) === want.militants
  );
}

const incidents = LABELLED_REPORTS.filter((r) => r.expect.isIncident);
const others = LABELLED_REPORTS.filter((r) => !r.expect.isIncident);
const share = (reports: LabelledReport[], right: (r: LabelledReport) => boolean) => reports.filter(right).length / reports.length;
const rows: [string, number, string][] = [
  ['district or town', share(incidents, placeRight), '≥ 90%'],
  ['perpetrator group', share(incidents, (r) => attribution(analysed(r)).groupId === r.expect.group), '≥ 85%'],
  ['claim status', share(incidents, (r) => attribution(analysed(r)).claimStatus === r.expect.claimStatus), '—'],
  ['killed total exact', share(incidents, (r) => parseCasualties(analysed(r)).killed === r.expect.killed), '≥ 85%'],
  ['killed split exact', share(incidents, splitRight), '≥ 75%'],
  ['sub-event type', share(incidents, (r) => classifyEvent(analysed(r)).subEventType === r.expect.subEventType), '≥ 80%'],
  ['date exact', share(incidents, (r) => resolveDate(analysed(r), r.publishedAt, TIME_ZONE).date === r.expect.date), '≥ 90%'],
  [
    'cross-border',
    share(
      incidents,
      (r) => crossBorder(analysed(r), r.expect.country ? { country: r.expect.country } : null).crossBorder === r.expect.crossBorder,
    ),
    '—',
  ],
  ['incidents kept as incidents', share(incidents, (r) => isIncidentReport(analysed(r)).isIncident), '—'],
  ['not-incidents flagged', share(others, (r) => !isIncidentReport(analysed(r)).isIncident), 'all'],
];

console.log(`${incidents.length} incident reports, ${others.length} not-incident reports\n`);
console.log('| field | right | target |\n|---|---|---|');
for (const [field, right, target] of rows) console.log(`| ${field} | ${(right * 100).toFixed(1)}% | ${target} |`);
