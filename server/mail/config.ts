/**
 * Mail settings from the environment (lib/env.ts validates them). Read afresh on every call, not
 * through the cached env(): parsing is cheap next to a mail, and tests switch SMTP servers between
 * cases. No 'server-only' import: the `npm run digest` CLI uses this module too.
 */
import { parseEnv } from '@/lib/env';
import { formatDigestTime } from '@/lib/mail/digest-schedule';

export type MailConfig = { configured: false } | { configured: true; from: string; url: string };

/** The relay and sender, or `{ configured: false }` when SMTP_URL is unset (subscriptions are kept, nothing is sent). */
export function mailConfig(source: Record<string, string | undefined> = process.env): MailConfig {
  const e = parseEnv(source);
  if (!e.SMTP_URL || !e.SMTP_FROM) return { configured: false };
  return { configured: true, from: e.SMTP_FROM, url: e.SMTP_URL };
}

/**
 * Links in mails and webhook payloads start here: PUBLIC_URL, else this server on its port (fine
 * for a relay on one machine, wrong behind a proxy).
 */
export function publicUrl(source: Record<string, string | undefined> = process.env): string {
  return parseEnv(source).PUBLIC_URL ?? `http://localhost:${source.PORT ?? '3000'}`;
}

export interface DigestSchedule {
  /** ISO weekday: 1 = Monday … 7 = Sunday (DIGEST_WEEKDAY). */
  weekday: number;
  hour: number;
  minute: number;
  /** `HH:MM` (DIGEST_TIME). */
  time: string;
  /** The zone the weekday and time are read in (REPORT_TIME_ZONE), the same the weeks are cut in. */
  timeZone: string;
}

/** When the weekly brief goes out: by default Monday 08:00 in REPORT_TIME_ZONE. */
export function digestSchedule(source: Record<string, string | undefined> = process.env): DigestSchedule {
  const e = parseEnv(source);
  const { hour, minute } = e.DIGEST_TIME;
  return { weekday: e.DIGEST_WEEKDAY, hour, minute, time: formatDigestTime(e.DIGEST_TIME), timeZone: e.REPORT_TIME_ZONE };
}
