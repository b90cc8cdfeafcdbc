/** The plain-text part of the weekly brief: the same figures as the HTML, laid out for a monospace reader. */
import type { WeeklyReport } from '@/lib/reports/types';
import { mailDate } from './dates';
import { casualties, changeText, directionLines, signed, splitText } from './figures';
import type { WeeklyMailInput } from './weekly-mail';

type Row = WeeklyReport['byRegion'][number] | WeeklyReport['byGroup'][number] | WeeklyReport['byType'][number];

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
function columns(head: string[], rows: string[][]): string {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  const pad = (s: string, i: number) => (i === 0 ? s + ' '.repeat(widths[i] - [...s].length) : ' '.repeat(widths[i] - [...s].length) + s);
  return all.map((r) => r.map(pad).join('  ').trimEnd()).join('\n');
}

function breakdown(title: string, column: string, rows: { label: string; row: Row }[]): string {
  if (rows.length === 0) return `${title}\n\nNo incidents this week or the week before.`;
  return `${title}\n\n${columns(
    [column, 'Incidents', 'Δ week', 'Killed', 'Δ', 'Injured', 'Δ'],
    rows.map(({ label, row: r }) => [
      label.replace(/\s+/g, ' '),
      String(r.incidents),
      changeText(r.change.incidents),
      String(r.killed),
      signed(r.delta.killed),
      String(r.injured),
      signed(r.delta.injured),
    ]),
  )}`;
}

export function weeklyText(input: WeeklyMailInput & { range: string; filename: string; notableLink: (href: string) => string }): string {
  const r = input.report;
  const t = r.totals;
  const c = r.change.previous;
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  const sections = [
    `FRONTIER WATCH — Weekly brief ${r.week}: ${input.range}\n${oneLine(input.filterLabel)}. Weeks run Monday–Sunday in ${input.timeZone}.${r.complete ? '' : ' This week is still in progress.'}`,
    `Incidents: ${t.incidents} (${changeText(c.incidents)} vs ${r.previous.week})\nKilled: ${t.killed} (${changeText(c.killed)} vs ${r.previous.week}) — ${splitText(t.killedBy)}\nInjured: ${t.injured} (${changeText(c.injured)} vs ${r.previous.week}) — ${splitText(t.injuredBy)}\n${directionLines(r).join('\n')}`,
    oneLine(r.narrative),
    `12-week trend\n\n${columns(
      ['Week', 'Starts', 'Incidents', 'Killed', 'Injured'],
      input.trend.map((w) => [w.week, mailDate(w.start), String(w.incidents), String(w.killed), String(w.injured)]),
    )}`,
    breakdown(
      'By region',
      'Region',
      r.byRegion.map((x) => ({ label: x.name, row: x })),
    ),
    breakdown(
      'By group',
      'Group',
      r.byGroup.map((x) => ({ label: x.name, row: x })),
    ),
    breakdown(
      'By event type',
      'Event type',
      r.byType.map((x) => ({ label: x.eventType, row: x })),
    ),
    `Notable incidents\n\n${
      r.notable.length
        ? r.notable
            .map(
              (n) =>
                `- ${mailDate(n.date)}${n.timePrecision > 1 ? ' (imprecise date)' : ''} — ${oneLine(n.subEventType)}, ${oneLine(n.place)} — ${oneLine(n.groupName)}: ${casualties(n)}\n  ${input.notableLink(n.link)}`,
            )
            .join('\n')
        : 'No incidents this week.'
    }`,
    `Data notes\n\n- Alerts fired this week: ${r.alerts.length}. Cross-border incidents: ${r.crossBorderCount}. Claims and denials: ${r.claims.length}.\n- Imprecise dates (week or month precision): ${r.imprecise.count}\n- Provenance: ${r.provenance.demo} synthetic demo, ${r.provenance.imported} imported, ${r.provenance.live} live${r.provenance.demo > 0 ? '\n- This brief includes synthetic demo data: it is not a record of real events.' : ''}`,
    `The week's incidents are attached as ${input.filename}.\nOpen this brief: ${input.links.brief}`,
    `-- \nYou receive this because of a weekly-brief subscription for ${input.to}.\nManage subscriptions: ${input.links.manage}\nUnsubscribe: ${input.links.unsubscribe}`,
  ];
  return `${sections.join('\n\n')}\n`;
}
