import { revisedSinceFirstPublished } from './revisions';
import { DIRECTION_ARROW, type Change } from './change';
import type { BreakdownRow, ChangeSet, IncidentRef, WeeklyReport } from './types';
import { formatWeekRange } from './week';
import { dayNumber } from '@/lib/time/zone';

/** Escapes text from data so it cannot form links, emphasis, HTML or break a table cell. */
export function mdText(s: string | number | null | undefined): string {
  if (s === null || s === undefined) return '';
  return String(s)
    .replace(/[\r\n]+/g, ' ')
    .replace(/([\\`*_[\]<>|])/g, '\\$1');
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');
const ch = (c: Change) => (c.kind === 'new' ? 'new' : c.label);

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

function breakdown(title: string, label: string, rows: (BreakdownRow & { label: string })[]): string {
  if (!rows.length) return `## ${title}\n\nNo incidents this week or the week before.`;
  return `## ${title}\n\n${table(
    [label, 'Incidents', 'Δ', 'Killed', 'Δ', 'Injured', 'Δ'],
    rows.map((r) => [
      mdText(r.label),
      r.incidents,
      signed(r.delta.incidents),
      r.killed,
      signed(r.delta.killed),
      r.injured,
      signed(r.delta.injured),
    ]),
  )}`;
}

function headline(label: string, c: ChangeSet): string {
  return `- Against ${label}: ${DIRECTION_ARROW[c.direction]} ${c.direction} — incidents ${ch(c.incidents)}, killed ${ch(c.killed)}, injured ${ch(c.injured)}`;
}

const refLine = (r: IncidentRef) =>
  `- ${r.date}${r.timePrecision > 1 ? ' (imprecise date)' : ''} — ${mdText(r.subEventType)}, ${mdText(r.place)} — ${mdText(r.groupName)}: ${r.killed ?? '?'} killed, ${r.injured ?? '?'} injured (incident ${r.id})`;

const claimLine = (c: WeeklyReport['claims'][number]) =>
  `- ${c.at.slice(0, 10)} — ${mdText(c.groupName)} ${c.kind === 'claim' ? 'claimed' : 'denied'}${c.by ? ` (${mdText(c.by)})` : ''} incident ${c.incidentId} of ${c.incidentDate}, ${mdText(c.place)}`;

/** The brief as Markdown: paste-able into a report; every figure comes from the JSON report. */
export function renderMarkdown(r: WeeklyReport): string {
  const t = r.totals;
  const filters = [
    r.filters.group.length ? `groups ${r.filters.group.join(', ')}` : '',
    r.filters.region.length ? `regions ${r.filters.region.join(', ')}` : '',
    r.filters.source.length ? `datasets ${r.filters.source.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const out = [
    `# Weekly brief ${r.week} (${formatWeekRange(dayNumber(r.start), dayNumber(r.end))})`,
    `Weeks run Monday–Sunday in ${r.timeZone}.${filters ? ` Narrowed to ${mdText(filters)}.` : ''}${r.complete ? '' : ' This week is still in progress.'}`,
    `## Headline\n\n- Incidents: ${t.incidents}\n- Killed: ${t.killed} (security forces ${t.killedBy.security}, civilians ${t.killedBy.civilians}, militants ${t.killedBy.militants}, not attributed ${t.killedBy.unattributed})\n- Injured: ${t.injured} (security forces ${t.injuredBy.security}, civilians ${t.injuredBy.civilians}, militants ${t.injuredBy.militants}, not attributed ${t.injuredBy.unattributed})\n${headline(`the previous week (${r.previous.week}: ${r.previous.incidents} incidents, ${r.previous.killed} killed)`, r.change.previous)}\n${headline(`the 4-week average (${r.fourWeekAverage.incidents} incidents, ${r.fourWeekAverage.killed} killed)`, r.change.fourWeekAverage)}`,
    `## Summary\n\n${mdText(r.narrative)}`,
    breakdown(
      'By region',
      'Region',
      r.byRegion.map((x) => ({ ...x, label: x.name })),
    ),
    breakdown(
      'By group',
      'Group',
      r.byGroup.map((x) => ({ ...x, label: x.name })),
    ),
    breakdown(
      'By event type',
      'Event type',
      r.byType.map((x) => ({ ...x, label: x.eventType })),
    ),
    `## 12-week trend\n\n${table(
      ['Week', 'Incidents', 'Killed', 'Injured'],
      r.trend.map((w) => [w.week, w.incidents, w.killed, w.injured]),
    )}`,
    `## Notable incidents\n\n${r.notable.length ? r.notable.map(refLine).join('\n') : 'None.'}`,
    `## Alerts fired\n\n${r.alerts.length ? r.alerts.map((a) => `- ${a.firedAt} — ${mdText(a.severity)}: ${mdText(a.summary)} (${mdText(a.ruleName)})`).join('\n') : 'None.'}`,
    `## New actors\n\n${r.newActors.length ? r.newActors.map((a) => `- ${mdText(a.groupName)} in ${mdText(a.regionName)}: first incident ${a.firstIncidentId}, ${a.incidents} this week`).join('\n') : 'None.'}`,
    `## Cross-border incidents (${r.crossBorderCount})\n\n${r.crossBorder.length ? r.crossBorder.map(refLine).join('\n') : 'None.'}`,
    `## Claims and denials\n\n${r.claims.length ? r.claims.map(claimLine).join('\n') : 'None.'}`,
    `## Data notes\n\n- Imprecise dates (week or month precision), counted in the week of their stored date: ${r.imprecise.count}\n- Provenance: ${r.provenance.demo} synthetic demo data, ${r.provenance.imported} imported, ${r.provenance.live} live${r.provenance.demo > 0 ? '\n- This brief includes synthetic demo data: it is not a record of real events.' : ''}${revisedLine(r)}`,
  ];
  return `${out.join('\n\n')}\n`;
}

/** The data-notes line on ACLED's later revisions of this week (none when there were none). */
function revisedLine(r: WeeklyReport): string {
  const { deleted, updated } = r.revisions;
  return deleted + updated ? `\n- ${revisedSinceFirstPublished(r.revisions)}` : '';
}
