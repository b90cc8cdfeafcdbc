import type { AlertsMailInput } from '@/lib/mail/alerts-mail';
import type { ConfirmMailInput } from '@/lib/mail/confirm-mail';
import type { WeeklyMailInput } from '@/lib/mail/weekly-mail';

/**
 * What delivery needs from the mail side (composition and SMTP), as one object so the delivery
 * loop is tested against a real SMTP server or a stand-in alike. `M` is the composed mail.
 * server/subscriptions/mail-wiring.ts builds the real one from lib/mail and server/mail.
 */
export interface MailPort<M = unknown> {
  /** The public base URL links in mails start with (no trailing slash). */
  baseUrl: string;
  timeZone: string;
  /** The signed one-click unsubscribe token of a subscription. */
  unsubscribeToken(subscriptionId: number): string;
  weekly(args: WeeklyMailInput): M;
  alerts(args: AlertsMailInput): M;
  confirm(args: ConfirmMailInput): M;
  /** Resolves once the server accepted the mail; throws otherwise (see classify). */
  send(mail: M): Promise<{ messageId: string }>;
  /** A failed send: permanent (5xx: give up) or temporary (4xx, connection: retry later), with the server's answer. */
  classify(err: unknown): { permanent: boolean; message: string };
}

export type { AlertMailItem, AlertsMailInput as AlertsMailArgs } from '@/lib/mail/alerts-mail';
export type { ConfirmMailInput as ConfirmMailArgs } from '@/lib/mail/confirm-mail';
export type { WeeklyMailInput as WeeklyMailArgs } from '@/lib/mail/weekly-mail';

/** A delivery that cannot be made whatever the mail server says (owner disabled, view gone): failed at once. */
export class UndeliverableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndeliverableError';
  }
}
