import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { redactSmtpUrl } from '@/lib/mail/smtp-url';
import { digestSchedule, mailConfig } from '@/server/mail/config';

const problems = (source: Record<string, string>): string[] => {
  try {
    parseEnv(source);
    return [];
  } catch (err) {
    if (err instanceof EnvError) return err.problems;
    throw err;
  }
};

describe('mail settings', () => {
  it('is not configured without SMTP_URL, and configured with SMTP_URL and SMTP_FROM', () => {
    expect(mailConfig({})).toEqual({ configured: false });
    expect(mailConfig({ SMTP_URL: 'smtps://u:p%40ss@relay.ministry.example:465', SMTP_FROM: 'brief@ministry.example' })).toEqual({
      configured: true,
      url: 'smtps://u:p%40ss@relay.ministry.example:465',
      from: 'brief@ministry.example',
    });
  });

  it.each([
    ['http://relay.example', /SMTP_URL: must start with smtp:\/\/ or smtps:\/\//],
    ['relay.example:25', /SMTP_URL: must start with smtp/],
    ['smtp://', /SMTP_URL: must name the mail server host/],
    ['not a url', /SMTP_URL: must be a URL/],
    ['smtp://relay.example/inbox', /SMTP_URL: must not have a path/],
    ['smtp://:secret@relay.example', /SMTP_URL: has a password but no user name/],
    ['smtp://u:%E0%A4%A@relay.example', /SMTP_URL: has badly escaped credentials/],
    ['smtp://u:secret@relay.example?logger=true', /SMTP_URL: has an unsupported option \?logger/],
    ['smtp://u:secret@relay.example?requireTLS=true&debug=true', /SMTP_URL: has an unsupported option \?debug/],
  ])('names SMTP_URL for %s and never shows its password', (url, want) => {
    const found = problems({ SMTP_URL: url, SMTP_FROM: 'brief@ministry.example' });
    expect(found.join('\n')).toMatch(want);
    expect(found.join('\n')).not.toMatch(/secret|%E0%A4%A/);
  });

  it('passes the TLS options on', () => {
    const url = 'smtp://u:p@relay.example:587?requireTLS=true&tls.rejectUnauthorized=false&name=fw.example';
    expect(mailConfig({ SMTP_URL: url, SMTP_FROM: 'b@x.example' })).toMatchObject({ configured: true, url });
  });

  it('requires a plain SMTP_FROM with SMTP_URL', () => {
    expect(problems({ SMTP_URL: 'smtp://relay.example' })).toEqual([
      'SMTP_FROM: must be set when SMTP_URL is (the sender address of every mail)',
    ]);
    expect(problems({ SMTP_URL: 'smtp://relay.example', SMTP_FROM: 'Brief <b@x.example>' }).join()).toMatch(
      /^SMTP_FROM: must be one plain email address/,
    );
    expect(problems({ SMTP_FROM: 'b@x.example\r\nBcc: e@evil.example' }).join()).toMatch(/^SMTP_FROM/);
  });

  it('redacts the password of an SMTP URL', () => {
    expect(redactSmtpUrl('smtp://user:hunter2@relay.example:587')).toBe('smtp://user:***@relay.example:587');
    expect(redactSmtpUrl('user:hunter2@relay.example')).toBe('(not an smtp:// URL)');
  });

  it('sends the digest on Monday 08:00 in REPORT_TIME_ZONE unless DIGEST_WEEKDAY / DIGEST_TIME say otherwise', () => {
    expect(digestSchedule({})).toEqual({ weekday: 1, hour: 8, minute: 0, time: '08:00', timeZone: 'Asia/Karachi' });
    expect(digestSchedule({ DIGEST_WEEKDAY: 'fri', DIGEST_TIME: '7:05', REPORT_TIME_ZONE: 'UTC' })).toEqual({
      weekday: 5,
      hour: 7,
      minute: 5,
      time: '07:05',
      timeZone: 'UTC',
    });
    expect(digestSchedule({ DIGEST_WEEKDAY: 'Sunday' }).weekday).toBe(7);
    expect(digestSchedule({ DIGEST_WEEKDAY: '3' }).weekday).toBe(3);
    expect(problems({ DIGEST_WEEKDAY: '0' }).join()).toMatch(/^DIGEST_WEEKDAY: must be 1-7/);
    expect(problems({ DIGEST_WEEKDAY: 'someday' }).join()).toMatch(/^DIGEST_WEEKDAY/);
    expect(problems({ DIGEST_TIME: '24:00' }).join()).toMatch(/^DIGEST_TIME: must be a 24-hour time/);
    expect(problems({ DIGEST_TIME: '8am' }).join()).toMatch(/^DIGEST_TIME/);
  });
});
