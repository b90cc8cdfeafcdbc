/**
 * The mail a non-admin's subscription for someone else's address sends first: nothing else goes
 * to that address until its owner follows the link. It names who asked, as data (escaped, never
 * in the subject), so the recipient can judge it; it carries no report data.
 */
import { mailInstant } from './dates';
import { mailAddress } from './headers';
import { a, documentHtml, esc, MUTED, p, ProductLinks, FONT, INK } from './html';
import type { OutgoingMail } from './types';

export type SubscriptionKind = 'weekly' | 'alerts';

export interface ConfirmMailInput {
  to: string;
  /** Absolute URL on the product's origin that confirms the subscription. */
  confirmUrl: string;
  /** Who asked: the requesting account's email or name. */
  requestedBy: string;
  kind: SubscriptionKind;
  /** When the link stops working (epoch ms), if it expires. */
  expiresAt?: number;
  timeZone?: string;
}

const WHAT: Record<SubscriptionKind, string> = {
  weekly: 'the Frontier Watch weekly brief (one mail a week)',
  alerts: 'Frontier Watch alerts (at most one mail a minute while alerts fire)',
};

export const CONFIRM_SUBJECT = 'Confirm your Frontier Watch subscription';

export function composeConfirmMail(input: ConfirmMailInput): OutgoingMail {
  const confirm = new ProductLinks(input.confirmUrl).url(input.confirmUrl);
  const who = input.requestedBy.replace(/\s+/g, ' ').trim().slice(0, 200) || 'A Frontier Watch user';
  const expiry = input.expiresAt !== undefined ? ` The link works until ${mailInstant(input.expiresAt, input.timeZone ?? 'UTC')}.` : '';
  const content = [
    `<div style="font-size:12px;letter-spacing:.04em;text-transform:uppercase;color:${MUTED};${FONT}">Frontier Watch</div>`,
    `<h1 style="margin:4px 0 10px;font-size:22px;line-height:1.25;color:${INK};${FONT}">${esc(CONFIRM_SUBJECT)}</h1>`,
    p(`${esc(who)} asked to send ${esc(WHAT[input.kind])} to ${esc(input.to)}.`),
    p(`Nothing will be sent to this address unless you confirm.${esc(expiry)}`),
    p(a(confirm, 'Confirm the subscription'), 'margin:16px 0'),
    p('If you did not expect this, ignore this mail.', `color:${MUTED}`),
  ].join('\n');
  const text = `${CONFIRM_SUBJECT}\n\n${who} asked to send ${WHAT[input.kind]} to ${input.to}.\nNothing will be sent to this address unless you confirm.${expiry}\n\nConfirm the subscription: ${confirm}\n\nIf you did not expect this, ignore this mail.\n`;
  return {
    to: mailAddress(input.to),
    subject: CONFIRM_SUBJECT,
    html: documentHtml({
      title: CONFIRM_SUBJECT,
      preheader: `${who} asked to send you ${WHAT[input.kind]}.`,
      content,
      footer: 'Frontier Watch',
    }),
    text,
  };
}
