/**
 * The weekly brief as a mail: the same figures as /reports/weekly/{week} (every number is read
 * from the WeeklyReport the page and the API render), an HTML body for mail clients, a plain-text
 * part with the same numbers, and the week's CSV attached.
 */
import type { TrendWeek, WeeklyReport } from '@/lib/reports/types';
import { mailDate, mailDateRange } from './dates';
import { casualties, changeText, csvFilename, directionLines, signed, splitText, trendMax } from './figures';
import { mailAddress, safeHeaderText } from './headers';
import { a, bar, documentHtml, esc, h2, INK, MUTED, p, ProductLinks, safeColour, table, FONT, type Column } from './html';
import type { OutgoingMail } from './types';
import { weeklyText } from './weekly-text';

export interface WeeklyMailInput {
  report: WeeklyReport;
  /** computeWeeklyTrend's result: the 12 weeks ending with the report's week. */
  trend: TrendWeek[];
  /** What the subscription's filter selects, in words ("All incidents", "TTP in Khyber Pakhtunkhwa"). */
  filterLabel: string;
  /** The week's CSV (weeklyCsvPieces joined), attached as frontier-watch-<week>.csv. */
  csv: string;
  /** Absolute URLs; `brief` sets the product origin every other link must share. */
  links: { brief: string; unsubscribe: string; manage: string };
  timeZone: string;
  to: string;
}

export const weeklySubject = (week: string, filterLabel: string): string =>
  safeHeaderText(`Frontier Watch weekly brief ${week} — ${safeHeaderText(filterLabel, 80) || 'all incidents'}`);

const COUNT_COLUMNS: Column[] = [
  { label: 'Incidents', numeric: true },
  { label: 'Δ week', numeric: true },
  { label: 'Killed', numeric: true },
  { label: 'Δ', numeric: true },
  { label: 'Injured', numeric: true },
  { label: 'Δ', numeric: true },
];

type Row = WeeklyReport['byRegion'][number] | WeeklyReport['byGroup'][number] | WeeklyReport['byType'][number];
const countCells = (r: Row): string[] =>
  [r.incidents, changeText(r.change.incidents), r.killed, signed(r.delta.killed), r.injured, signed(r.delta.injured)].map(esc);

function breakdown(title: string, column: string, rows: { label: string; colour?: string | null; row: Row }[], id: string): string {
  if (rows.length === 0) return h2(title) + p('No incidents this week or the week before.', `color:${MUTED}`);
  const label = (l: string, colour?: string | null) => {
    const c = safeColour(colour);
    return `${c ? `<span style="display:inline-block;width:9px;height:9px;background:${c};margin-right:6px"></span>` : ''}${esc(l)}`;
  };
  return `${h2(title)}<div data-table="${id}">${table(
    [{ label: column }, ...COUNT_COLUMNS],
    rows.map((r) => [label(r.label, r.colour), ...countCells(r.row)]),
  )}</div>`;
}

function totalsBlock(r: WeeklyReport): string {
  const t = r.totals;
  const c = r.change.previous;
  const cell = (label: string, value: number, change: string) =>
    `<td width="33%" style="padding:8px;border:1px solid #d9dee3;${FONT};vertical-align:top"><div style="font-size:12px;color:${MUTED}">${esc(label)}</div><div data-total="${esc(label.toLowerCase())}" style="font-size:24px;font-weight:700;color:${INK};font-variant-numeric:tabular-nums">${esc(value)}</div><div style="font-size:12px;color:${MUTED}">${esc(change)} vs ${esc(r.previous.week)}</div></td>`;
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:8px 0"><tr>${cell('Incidents', t.incidents, changeText(c.incidents))}${cell('Killed', t.killed, changeText(c.killed))}${cell('Injured', t.injured, changeText(c.injured))}</tr></table>${p(directionLines(r).map(esc).join('<br>'), 'font-size:13px')}${p(`Killed: ${esc(splitText(t.killedBy))}.<br>Injured: ${esc(splitText(t.injuredBy))}.`, `font-size:13px;color:${MUTED}`)}`;
}

function trendBlock(trend: TrendWeek[], current: string): string {
  const max = trendMax(trend);
  const rows = trend.map((w) => {
    const now = w.week === current;
    const weekCell = `${now ? '<strong>' : ''}${esc(w.week)}${now ? '</strong>' : ''}<br><span style="color:${MUTED};font-size:12px">${esc(mailDate(w.start))}</span>`;
    return [weekCell, bar((w.incidents / max) * 100, now ? '#9a3412' : '#c2a28f'), esc(w.incidents), esc(w.killed), esc(w.injured)];
  });
  return `${h2('12-week trend')}<div data-table="trend">${table(
    [
      { label: 'Week' },
      { label: 'Incidents (bar)' },
      { label: 'Incidents', numeric: true },
      { label: 'Killed', numeric: true },
      { label: 'Injured', numeric: true },
    ],
    rows,
  )}</div>`;
}

function notableBlock(r: WeeklyReport, links: ProductLinks): string {
  if (r.notable.length === 0) return h2('Notable incidents') + p('No incidents this week.', `color:${MUTED}`);
  const items = r.notable.map(
    (n) =>
      `<li style="margin:0 0 8px;font-size:14px;line-height:1.45;color:${INK};${FONT}">${esc(mailDate(n.date))}${n.timePrecision > 1 ? ' (imprecise date)' : ''} — ${esc(n.subEventType)}, ${esc(n.place)} — ${esc(n.groupName)}: ${esc(casualties(n))}. ${a(links.url(n.link), `Incident ${n.id}`)}</li>`,
  );
  return `${h2('Notable incidents')}<ul style="margin:0;padding:0 0 0 18px">${items.join('')}</ul>`;
}

function notesBlock(r: WeeklyReport): string {
  const lines = [
    `Alerts fired this week: ${r.alerts.length}. Cross-border incidents: ${r.crossBorderCount}. Claims and denials: ${r.claims.length}.`,
    `Imprecise dates (week or month precision), counted in the week of their stored date: ${r.imprecise.count}.`,
    `Provenance: ${r.provenance.demo} synthetic demo, ${r.provenance.imported} imported, ${r.provenance.live} live.`,
    ...(r.provenance.demo > 0 ? ['This brief includes synthetic demo data: it is not a record of real events.'] : []),
  ];
  return h2('Data notes') + lines.map((l) => p(esc(l), 'font-size:13px')).join('');
}

export function composeWeeklyMail(input: WeeklyMailInput): OutgoingMail {
  const { report: r, timeZone } = input;
  const links = new ProductLinks(input.links.brief);
  const brief = links.url(input.links.brief);
  const unsubscribe = links.url(input.links.unsubscribe);
  const manage = links.url(input.links.manage);
  const filename = csvFilename(r.week);
  const range = mailDateRange(r.start, r.end);
  const subject = weeklySubject(r.week, input.filterLabel);
  const title = `Weekly brief ${r.week}`;
  const content = [
    `<div style="font-size:12px;letter-spacing:.04em;text-transform:uppercase;color:${MUTED};${FONT}">Frontier Watch</div>`,
    `<h1 style="margin:4px 0 6px;font-size:22px;line-height:1.25;color:${INK};${FONT}">${esc(title)}: ${esc(range)}</h1>`,
    p(
      `${esc(input.filterLabel)}. Weeks run Monday–Sunday in ${esc(timeZone)}.${r.complete ? '' : ' <strong>This week is still in progress.</strong>'}`,
      `color:${MUTED}`,
    ),
    totalsBlock(r),
    p(esc(r.narrative)),
    trendBlock(input.trend, r.week),
    breakdown(
      'By region',
      'Region',
      r.byRegion.map((x) => ({ label: x.name, row: x })),
      'by-region',
    ),
    breakdown(
      'By group',
      'Group',
      r.byGroup.map((x) => ({ label: x.name, colour: x.colour, row: x })),
      'by-group',
    ),
    breakdown(
      'By event type',
      'Event type',
      r.byType.map((x) => ({ label: x.eventType, row: x })),
      'by-type',
    ),
    notableBlock(r, links),
    notesBlock(r),
    p(`${a(brief, 'Open this brief in Frontier Watch')} · The week’s incidents are attached as ${esc(filename)}.`, 'margin-top:16px'),
  ].join('\n');
  const footer = `You receive this because of a weekly-brief subscription for ${esc(input.to)}. ${a(manage, 'Manage subscriptions')} · ${a(unsubscribe, 'Unsubscribe')}`;
  return {
    to: mailAddress(input.to),
    subject,
    html: documentHtml({
      title: subject,
      preheader: `${r.totals.incidents} incidents, ${r.totals.killed} killed, ${r.totals.injured} injured — ${range}`,
      content,
      footer,
    }),
    text: weeklyText({ ...input, range, filename, links: { brief, unsubscribe, manage }, notableLink: (href) => links.url(href) }),
    attachments: [{ filename, content: input.csv, contentType: 'text/csv; charset=utf-8' }],
    listUnsubscribe: { url: unsubscribe },
  };
}
