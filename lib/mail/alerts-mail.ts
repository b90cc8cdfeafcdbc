/**
 * A burst of alerts as ONE mail (the subscriber gets one mail per batch, not one per alert):
 * each alert with its rule, severity and time, a link to the alert and to each incident behind it.
 * Field names follow the alert model (db/schema/alerts.ts: `summary`, `severity`, `fired_at`).
 */
import { mailInstant } from './dates';
import { mailAddress, safeHeaderText } from './headers';
import { a, documentHtml, esc, FONT, h2, INK, MUTED, p, ProductLinks } from './html';
import type { OutgoingMail } from './types';

export interface AlertMailIncident {
  id: number;
  /** One line naming the incident ("Suicide bombing, Bannu — TTP: 12 killed"). */
  title: string;
  link: string;
  /** Epoch ms, or ISO text. */
  occurredAt: number | string;
}

export interface AlertMailItem {
  id: number;
  ruleName: string;
  severity: string;
  /** The alert's summary line (alerts.summary). */
  summary: string;
  /** Epoch ms (alerts.fired_at). */
  firedAt: number;
  link: string;
  incidents: AlertMailIncident[];
}

export interface AlertsMailInput {
  alerts: AlertMailItem[];
  /** Absolute URLs; `manage` sets the product origin every other link must share. */
  links: { unsubscribe: string; manage: string };
  timeZone: string;
  to: string;
}

/** Incidents listed per alert; the alert's own page lists the rest. */
export const INCIDENTS_PER_ALERT = 10;
const RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };
const COLOUR: Record<string, string> = { critical: '#b91c1c', warning: '#b45309', info: '#1d4ed8' };

/** Most severe first, then oldest first: the order a reader should triage them in. */
const ordered = (alerts: AlertMailItem[]) =>
  [...alerts].sort((x, y) => (RANK[x.severity] ?? 9) - (RANK[y.severity] ?? 9) || x.firedAt - y.firedAt || x.id - y.id);

export function alertsSubject(alerts: AlertMailItem[]): string {
  if (alerts.length === 1) return safeHeaderText(`Frontier Watch alert [${alerts[0].severity}]: ${alerts[0].summary}`);
  const counts = Object.entries(
    alerts.reduce<Record<string, number>>((m, x) => ({ ...m, [x.severity]: (m[x.severity] ?? 0) + 1 }), {}),
  ).sort(([s1], [s2]) => (RANK[s1] ?? 9) - (RANK[s2] ?? 9));
  return safeHeaderText(`Frontier Watch: ${alerts.length} alerts (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})`);
}

export function composeAlertsMail(input: AlertsMailInput): OutgoingMail {
  if (input.alerts.length === 0) throw new RangeError('alerts: a mail needs at least one alert');
  const links = new ProductLinks(input.links.manage);
  const manage = links.url(input.links.manage);
  const unsubscribe = links.url(input.links.unsubscribe);
  const alerts = ordered(input.alerts);
  const when = (at: number | string) => mailInstant(at, input.timeZone);
  const subject = alertsSubject(alerts);

  const htmlItems = alerts.map((x) => {
    const colour = COLOUR[x.severity] ?? MUTED;
    const shown = x.incidents.slice(0, INCIDENTS_PER_ALERT);
    const more = x.incidents.length - shown.length;
    const incidents = shown
      .map(
        (i) => `<li style="margin:0 0 4px">${a(links.url(i.link), `Incident ${i.id}`)} — ${esc(i.title)} (${esc(when(i.occurredAt))})</li>`,
      )
      .join('');
    return `<tr><td style="padding:10px 0;border-bottom:1px solid #d9dee3;${FONT};color:${INK};font-size:14px;line-height:1.45">
<span style="display:inline-block;padding:1px 6px;border:1px solid ${colour};color:${colour};font-size:12px;font-weight:700;text-transform:uppercase">${esc(x.severity)}</span>
<strong>${esc(x.summary)}</strong><br>
<span style="color:${MUTED};font-size:13px">Rule ${esc(x.ruleName)} · fired ${esc(when(x.firedAt))} · ${a(links.url(x.link), `Alert ${x.id}`)}</span>
${shown.length ? `<ul style="margin:6px 0 0;padding:0 0 0 18px;font-size:13px">${incidents}</ul>` : ''}${more > 0 ? p(`and ${more} more incident${more === 1 ? '' : 's'} on the alert’s page.`, `font-size:13px;color:${MUTED};margin:4px 0 0`) : ''}
</td></tr>`;
  });
  const heading = alerts.length === 1 ? '1 alert fired' : `${alerts.length} alerts fired`;
  const content = [
    `<div style="font-size:12px;letter-spacing:.04em;text-transform:uppercase;color:${MUTED};${FONT}">Frontier Watch</div>`,
    `<h1 style="margin:4px 0 6px;font-size:22px;line-height:1.25;color:${INK};${FONT}">${esc(heading)}</h1>`,
    p(`Times in ${esc(input.timeZone)}. Most severe first.`, `color:${MUTED}`),
    h2('Alerts'),
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse">${htmlItems.join('\n')}</table>`,
  ].join('\n');
  const footer = `You receive this because of an alerts subscription for ${esc(input.to)}. ${a(manage, 'Manage subscriptions')} · ${a(unsubscribe, 'Unsubscribe')}`;

  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  const textItems = alerts.map((x) => {
    const shown = x.incidents.slice(0, INCIDENTS_PER_ALERT);
    const more = x.incidents.length - shown.length;
    return [
      `[${x.severity.toUpperCase()}] ${oneLine(x.summary)}`,
      `  Rule ${oneLine(x.ruleName)}, fired ${when(x.firedAt)}`,
      `  Alert ${x.id}: ${links.url(x.link)}`,
      ...shown.map((i) => `  - Incident ${i.id}: ${oneLine(i.title)} (${when(i.occurredAt)})\n    ${links.url(i.link)}`),
      ...(more > 0 ? [`  - and ${more} more on the alert's page`] : []),
    ].join('\n');
  });
  const text = `FRONTIER WATCH — ${heading}\nTimes in ${input.timeZone}. Most severe first.\n\n${textItems.join('\n\n')}\n\n-- \nYou receive this because of an alerts subscription for ${input.to}.\nManage subscriptions: ${manage}\nUnsubscribe: ${unsubscribe}\n`;

  return {
    to: mailAddress(input.to),
    subject,
    html: documentHtml({
      title: subject,
      preheader: alerts
        .map((x) => oneLine(x.summary))
        .join(' · ')
        .slice(0, 200),
      content,
      footer,
    }),
    text,
    listUnsubscribe: { url: unsubscribe },
  };
}
