import type { WeeklyReport } from '@/lib/reports/types';

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
  weekly(args: WeeklyMailArgs): M;
  alerts(args: AlertsMailArgs): M;
  confirm(args: ConfirmMailArgs): M;
  /** Resolves once the server accepted the mail; throws otherwise (see classify). */
  send(mail: M): Promise<{ messageId: string }>;
  /** A failed send: permanent (5xx: give up) or temporary (4xx, connection: retry later), with the server's answer. */
  classify(err: unknown): { permanent: boolean; message: string };
}

export interface MailLinks {
  unsubscribe: string;
  manage: string;
}

export interface WeeklyMailArgs {
  report: WeeklyReport;
  trend: WeeklyReport['trend'];
  filterLabel: string;
  csv: string;
  links: MailLinks & { brief: string };
  timeZone: string;
  to: string;
}

export interface AlertMailItem {
  id: number;
  ruleName: string;
  severity: string;
  title: string;
  firedAt: string;
  link: string;
  incidents: { id: number; title: string; link: string; occurredAt: string }[];
}

export interface AlertsMailArgs {
  alerts: AlertMailItem[];
  links: MailLinks;
  timeZone: string;
  to: string;
}

export interface ConfirmMailArgs {
  to: string;
  confirmUrl: string;
  requestedBy: string;
  kind: 'weekly' | 'alerts';
}

/** A delivery that cannot be made whatever the mail server says (owner disabled, view gone): failed at once. */
export class UndeliverableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndeliverableError';
  }
}
