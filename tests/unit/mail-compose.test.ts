import { describe, expect, it } from 'vitest';
import { composeAlertsMail, type AlertMailItem } from '@/lib/mail/alerts-mail';
import { composeConfirmMail } from '@/lib/mail/confirm-mail';
import { composeWeeklyMail, type WeeklyMailInput } from '@/lib/mail/weekly-mail';
import { EVIL, trendFixture, weeklyReportFixture } from '../support/mail-fixtures';

const ORIGIN = 'https://watch.ministry.example';
const links = {
  brief: `${ORIGIN}/reports/weekly/2024-W50`,
  unsubscribe: `${ORIGIN}/api/subscriptions/unsubscribe?token=v1.3.x`,
  manage: `${ORIGIN}/subscriptions`,
};
const weeklyInput = (over: Partial<WeeklyMailInput> = {}): WeeklyMailInput => ({
  report: weeklyReportFixture(),
  trend: trendFixture(),
  filterLabel: `TTP ${EVIL}`,
  csv: '\uFEFFevent_id_cnty\r\n=cmd\r\n',
  links,
  timeZone: 'Asia/Karachi',
  to: 'analyst@ministry.example',
  ...over,
});

/** What a mail client would fetch or follow: every href/src/url(), and any active content. */
function outwardReferences(html: string) {
  // Only markup can fetch or run anything; escaped data is text between the tags.
  const tags = (html.match(/<[^>]*>/g) ?? []).join('\n');
  return {
    hrefs: [...tags.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((m) => m[1].replace(/&amp;/g, '&')),
    sources: [...tags.matchAll(/\bsrc\s*=|url\(|@import|<script|<img|<iframe|<link|<style|<object|<form|\bon[a-z]+\s*=/gi)].map(
      (m) => m[0],
    ),
  };
}

describe('composeWeeklyMail', () => {
  const mail = composeWeeklyMail(weeklyInput());

  it('escapes every hostile name, narrative and place, and fetches nothing', () => {
    const { hrefs, sources } = outwardReferences(mail.html);
    expect(sources).toEqual([]);
    for (const h of hrefs) expect(h.startsWith(`${ORIGIN}/`)).toBe(true);
    expect(hrefs).toEqual(
      expect.arrayContaining([`${ORIGIN}/?incident=101`, `${ORIGIN}/?incident=102`, links.brief, links.manage, links.unsubscribe]),
    );
    expect(mail.html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&quot;http://evil.example/pixel.png&quot;&gt; O&#39;Neil &amp; &quot;co&quot;',
    );
    expect(mail.html).not.toContain('evil.example/x.png');
    expect(mail.html).toContain('(imprecise date)');
    expect(mail.html).toContain('9–15 Dec 2024');
    expect(mail.html).toContain('Asia/Karachi');
  });

  it('puts the same totals and rows in the text part, and a one-line subject', () => {
    expect(mail.text).toContain('Incidents: 17 (+42% vs 2024-W49)');
    expect(mail.text).toContain('Killed: 41 (+37% vs 2024-W49) — 4 security forces, 3 civilians, 2 militants, 1 not attributed');
    expect(mail.text).toContain('Injured: 58 (−3% vs 2024-W49)');
    expect(mail.text).toContain('▲ Deteriorated against 2024-W49 (12 incidents, 30 killed)');
    expect(mail.text).toContain('▲ Deteriorated against the 4-week average (10.5 incidents, 22 killed)');
    expect(mail.html).toContain('▲ Deteriorated against 2024-W49 (12 incidents, 30 killed)');
    expect(mail.text).toMatch(/^Elsewhere\s+6\s+\+50%\s+11\s+\+1\s+18\s+−1$/m);
    expect(mail.text).toContain(`${ORIGIN}/?incident=101`);
    expect(mail.text).toContain('10 Dec 2024 — Suicide bomb');
    for (const n of ['17', '41', '58']) expect(mail.html).toContain(`>${n}</div>`);
    expect(mail.subject).toMatch(/^Frontier Watch weekly brief 2024-W50 — TTP <script>/);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.listUnsubscribe).toEqual({ url: links.unsubscribe });
    expect(mail.attachments).toEqual([
      { filename: 'frontier-watch-2024-W50.csv', content: '\uFEFFevent_id_cnty\r\n=cmd\r\n', contentType: 'text/csv; charset=utf-8' },
    ]);
  });

  it('draws the trend with table-cell bars scaled to the busiest week', () => {
    expect(mail.html).toContain('width="100%" style="width:100%;height:10px;background:#9a3412');
    expect(mail.html).toContain('width="59%"'); // 10 of 17
  });

  it('refuses links off the product origin, a doubtful recipient and a bad week', () => {
    const foreign = weeklyReportFixture({ notable: [{ ...weeklyReportFixture().notable[0], link: 'https://evil.example/?incident=1' }] });
    expect(() => composeWeeklyMail(weeklyInput({ report: foreign }))).toThrow(/outside the product/);
    expect(() => composeWeeklyMail(weeklyInput({ links: { ...links, unsubscribe: 'https://evil.example/u' } }))).toThrow(
      /outside the product/,
    );
    expect(() => composeWeeklyMail(weeklyInput({ links: { ...links, manage: 'javascript:alert(1)' } }))).toThrow();
    expect(() => composeWeeklyMail(weeklyInput({ to: 'a@x.example\r\nBcc: eve@evil.example' }))).toThrow(/to:/);
    expect(() => composeWeeklyMail(weeklyInput({ report: weeklyReportFixture({ week: '2024-W50\r\nX: y' }) }))).toThrow(/ISO week/);
  });
});

const alert = (id: number, severity: string, incidents = 1): AlertMailItem => ({
  id,
  ruleName: `Rule ${EVIL}`,
  severity,
  summary: `Alert ${id} ${EVIL}`,
  firedAt: Date.UTC(2024, 11, 10, 9, id % 60),
  link: `/alerts?alert=${id}`,
  incidents: Array.from({ length: incidents }, (_, k) => ({
    id: id * 100 + k,
    title: `Incident ${EVIL}`,
    link: `/?incident=${id * 100 + k}`,
    occurredAt: Date.UTC(2024, 11, 10, 8),
  })),
});

describe('composeAlertsMail', () => {
  it('makes a burst of 20 alerts one mail, most severe first, each with its links', () => {
    const alerts = Array.from({ length: 20 }, (_, i) => alert(i + 1, ['info', 'warning', 'critical'][i % 3]));
    const mail = composeAlertsMail({
      alerts,
      links: { unsubscribe: links.unsubscribe, manage: links.manage },
      timeZone: 'Asia/Karachi',
      to: 'duty@ministry.example',
    });
    expect(mail.subject).toBe('Frontier Watch: 20 alerts (6 critical, 7 warning, 7 info)');
    const { hrefs, sources } = outwardReferences(mail.html);
    expect(sources).toEqual([]);
    for (const a of alerts) {
      expect(hrefs).toContain(`${ORIGIN}/alerts?alert=${a.id}`);
      expect(hrefs).toContain(`${ORIGIN}/?incident=${a.id * 100}`);
      expect(mail.text).toContain(`Alert ${a.id}: ${ORIGIN}/alerts?alert=${a.id}`);
    }
    const order = [...mail.text.matchAll(/^\[(\w+)\]/gm)].map((m) => m[1]);
    expect(order).toEqual([...Array(6).fill('CRITICAL'), ...Array(7).fill('WARNING'), ...Array(7).fill('INFO')]);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('10 Dec 2024, 14:');
    expect(mail.html).toContain('Asia/Karachi');
    expect(mail.listUnsubscribe).toEqual({ url: links.unsubscribe });
  });

  it('lists 10 incidents per alert and points to the rest, and refuses empty bursts and foreign links', () => {
    const mail = composeAlertsMail({ alerts: [alert(1, 'critical', 13)], links, timeZone: 'UTC', to: 'duty@ministry.example' });
    expect(mail.subject).toMatch(/^Frontier Watch alert \[critical\]: Alert 1 <script>alert\(1\)<\/script>/);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).toContain('and 3 more incidents');
    expect((mail.text.match(/- Incident /g) ?? []).length).toBe(10);
    expect(() => composeAlertsMail({ alerts: [], links, timeZone: 'UTC', to: 'duty@ministry.example' })).toThrow(RangeError);
    expect(() =>
      composeAlertsMail({
        alerts: [{ ...alert(1, 'info'), link: 'http://evil.example/a' }],
        links,
        timeZone: 'UTC',
        to: 'duty@ministry.example',
      }),
    ).toThrow(/outside the product/);
  });
});

describe('composeConfirmMail', () => {
  it('names who asked as escaped text only, and links to the confirmation', () => {
    const confirmUrl = `${ORIGIN}/api/subscriptions/confirm?token=abc&x=1`;
    const mail = composeConfirmMail({ to: 'boss@ministry.example', confirmUrl, requestedBy: EVIL, kind: 'weekly' });
    expect(mail.subject).toBe('Confirm your Frontier Watch subscription');
    expect(outwardReferences(mail.html)).toEqual({ hrefs: [confirmUrl], sources: [] });
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain(`Confirm the subscription: ${confirmUrl}`);
    expect(mail.text).toContain('weekly brief');
    expect(mail.text).not.toMatch(/\r/);
    expect(mail.listUnsubscribe).toBeUndefined();
    expect(() => composeConfirmMail({ to: 'x', confirmUrl, requestedBy: 'a', kind: 'alerts' })).toThrow(/to:/);
    expect(() =>
      composeConfirmMail({ to: 'boss@ministry.example', confirmUrl: 'javascript:alert(1)', requestedBy: 'a', kind: 'alerts' }),
    ).toThrow();
  });
});
