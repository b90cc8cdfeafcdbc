/**
 * The real MailPort: lib/mail composers, the SMTP transport, signed unsubscribe links. No
 * 'server-only' import: `npm run digest` sends through it too.
 */
import type { Store } from '@/db/store';
import { queueDelivery } from '@/db/services/mail-deliveries';
import { parseEnv } from '@/lib/env';
import { composeAlertsMail } from '@/lib/mail/alerts-mail';
import { composeConfirmMail } from '@/lib/mail/confirm-mail';
import type { OutgoingMail } from '@/lib/mail/types';
import { signUnsubscribe } from '@/lib/mail/unsubscribe';
import { composeWeeklyMail } from '@/lib/mail/weekly-mail';
import { digestSchedule, mailConfig, publicUrl } from '@/server/mail/config';
import { MailError, sendMail } from '@/server/mail/transport';
import { unsubscribeSecret } from '@/server/mail/unsubscribe-secret';
import type { DigestSchedule } from '@/lib/subscriptions/schedule';
import type { MailPort } from './mail-port';

export function mailIsConfigured(source: Record<string, string | undefined> = process.env): boolean {
  return mailConfig(source).configured;
}

export { publicUrl };

export function currentDigestSchedule(source: Record<string, string | undefined> = process.env): DigestSchedule {
  const { weekday, hour, minute } = digestSchedule(source);
  return { weekday, hour, minute };
}

/** A refused or failed send, as the delivery log records it: permanent (5xx) or worth retrying. */
export function classifyMailError(err: unknown): { permanent: boolean; message: string } {
  if (err instanceof MailError) return { permanent: err.permanent, message: err.response };
  return { permanent: false, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}

/** The mail side as delivery uses it, or null while SMTP_URL is unset. */
export async function mailPortOrNull(
  store: Store,
  source: Record<string, string | undefined> = process.env,
): Promise<MailPort<OutgoingMail> | null> {
  return mailConfig(source).configured ? mailPort(store, source) : null;
}

/** The mail side whether or not SMTP is configured (a dry run composes without a relay; its send throws MailNotConfiguredError). */
export async function mailPort(store: Store, source: Record<string, string | undefined> = process.env): Promise<MailPort<OutgoingMail>> {
  const secret = await unsubscribeSecret(store);
  const env = parseEnv(source);
  const withUnsubscribe = (mail: OutgoingMail, url: string): OutgoingMail => ({
    ...mail,
    listUnsubscribe: mail.listUnsubscribe ?? { url },
  });
  return {
    baseUrl: publicUrl(source),
    timeZone: env.REPORT_TIME_ZONE,
    unsubscribeToken: (id) => signUnsubscribe(id, secret),
    weekly: (args) => withUnsubscribe(composeWeeklyMail(args), args.links.unsubscribe),
    alerts: (args) => withUnsubscribe(composeAlertsMail(args), args.links.unsubscribe),
    confirm: (args) => composeConfirmMail(args),
    send: (mail) => sendMail(mail),
    classify: classifyMailError,
  };
}

/** Queues the confirmation mail of a subscription whose address must agree first; the mail loop sends it. */
export async function queueConfirmation(store: Store, subscriptionId: number): Promise<{ deliveryId: number; mailConfigured: boolean }> {
  const deliveryId = await queueDelivery(store, { subscriptionId, kind: 'confirm', now: Date.now() });
  return { deliveryId, mailConfigured: mailIsConfigured() };
}
