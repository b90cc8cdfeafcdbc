/**
 * Sends an OutgoingMail through SMTP_URL with nodemailer. One pooled transporter per process,
 * replaced when SMTP_URL or SMTP_FROM changes. No 'server-only' import: `npm run digest` uses it.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { isHeaderName, isMailAddress, safeHeaderText } from '@/lib/mail/headers';
import { smtpCredentials } from '@/lib/mail/smtp-url';
import type { MailReceipt, OutgoingMail } from '@/lib/mail/types';
import { CLOSE_ORDER, onProcessClose, peekSingleton, setSingleton } from '@/lib/registry';
import { mailConfig } from './config';

/** A mail the server did not take. `permanent` for a 5xx answer: sending the same mail again will fail again. */
export class MailError extends Error {
  readonly permanent: boolean;
  /** The server's answer (or what went wrong before one came), never containing credentials. */
  readonly response: string;
  readonly code?: string;
  constructor(opts: { permanent: boolean; response: string; code?: string }) {
    super(`mail not sent: ${opts.response}`);
    this.name = 'MailError';
    this.permanent = opts.permanent;
    this.response = opts.response;
    this.code = opts.code;
  }
}

/** SMTP_URL is unset. Not permanent: the same mail can go once a relay is configured. */
export class MailNotConfiguredError extends MailError {
  constructor() {
    super({ permanent: false, response: 'email is not configured (SMTP_URL is unset)', code: 'ENOTCONFIGURED' });
    this.name = 'MailNotConfiguredError';
  }
}

export const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_RESPONSE = 1000;
const SINGLETON = 'mail-transport';

interface Pooled {
  key: string;
  transporter: Transporter<SMTPPool.SentMessageInfo>;
}

function transporterFor(url: string, from: string): Pooled['transporter'] {
  const key = `${url}\n${from}`;
  const current = peekSingleton<Pooled>(SINGLETON);
  if (current?.key === key) return current.transporter;
  current?.transporter.close();
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    // Digests go out one subscription after another; two connections keep a slow relay from holding up alerts.
    maxConnections: 2,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: DEFAULT_TIMEOUT_MS,
    // nodemailer's own logger would print the SMTP conversation, AUTH included.
    logger: false,
    debug: false,
  });
  setSingleton<Pooled>(SINGLETON, { key, transporter });
  onProcessClose(SINGLETON, CLOSE_ORDER.timers, () => void closeMailTransport());
  return transporter;
}

/** Closes the pooled connections (tests, shutdown); the next sendMail opens a new pool. */
export function closeMailTransport(): void {
  peekSingleton<Pooled>(SINGLETON)?.transporter.close();
  setSingleton(SINGLETON, undefined);
}

/** Headers the caller may not set: the transport owns them, and nodemailer builds the MIME ones. */
const RESERVED = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'sender',
  'reply-to',
  'content-type',
  'content-transfer-encoding',
  'mime-version',
]);

function extraHeaders(mail: OutgoingMail): Record<string, string> {
  const out: Record<string, string> = {
    // RFC 3834: an automatic mail, so vacation responders do not answer it.
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
  };
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!isHeaderName(name) || RESERVED.has(name.toLowerCase()))
      throw invalid(`header ${JSON.stringify(safeHeaderText(name, 40))} may not be set`);
    if (/[\r\n]/.test(value)) throw invalid(`header ${name} contains a line break`);
    out[name] = safeHeaderText(value, 900);
  }
  if (mail.listUnsubscribe) {
    const url = mail.listUnsubscribe.url;
    // One http(s) URL with nothing a header parser would read as the end of `<…>` or of the line.
    const plain = /^https?:\/\/[^\s<>"]+$/.test(url) && url === safeHeaderText(url, 900);
    if (!plain) throw invalid('listUnsubscribe.url must be an http(s) URL');
    out['List-Unsubscribe'] = `<${url}>`;
    out['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return out;
}

const invalid = (response: string) => new MailError({ permanent: true, response, code: 'EMESSAGE' });

/** The server's answer with the relay's credentials cut out and control characters flattened. */
function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return safeHeaderText(out, MAX_RESPONSE);
}

function toMailError(err: unknown, secrets: string[]): MailError {
  if (err instanceof MailError) return err;
  const e = (err ?? {}) as { responseCode?: unknown; response?: unknown; message?: unknown; code?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const said = typeof e.response === 'string' && e.response !== '' ? e.response : typeof e.message === 'string' ? e.message : String(err);
  const permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600;
  return new MailError({ permanent, response: scrub(said, secrets), code });
}

/**
 * Sends `mail` from SMTP_FROM; resolves once the server accepted it (its 250 answer). Throws
 * MailNotConfiguredError without SMTP_URL and MailError when the server refuses, is unreachable,
 * or does not answer within `timeoutMs`. After a timeout the pool is dropped, so a message still
 * in flight is cut off before its final dot and cannot be delivered behind the caller's back
 * (unless the server had already taken it and only its answer was late: SMTP cannot tell).
 */
export async function sendMail(mail: OutgoingMail, opts: { timeoutMs?: number } = {}): Promise<MailReceipt> {
  const config = mailConfig();
  if (!config.configured) throw new MailNotConfiguredError();
  if (!isMailAddress(mail.to)) throw invalid('to: not a single plain email address');
  const secrets = smtpCredentials(config.url);
  const transporter = transporterFor(config.url, config.from);
  const message = {
    from: config.from,
    to: mail.to,
    subject: safeHeaderText(mail.subject),
    text: mail.text,
    html: mail.html,
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: safeHeaderText(a.filename, 120),
      content: a.content,
      contentType: a.contentType,
    })),
    headers: extraHeaders(mail),
  };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      closeMailTransport();
      reject(new MailError({ permanent: false, response: `no answer from the mail server within ${timeoutMs} ms`, code: 'ETIMEDOUT' }));
    }, timeoutMs);
  });
  try {
    const info = await Promise.race([transporter.sendMail(message), timeout]);
    return { messageId: info.messageId, response: scrub(info.response, secrets) };
  } catch (err) {
    throw toMailError(err, secrets);
  } finally {
    clearTimeout(timer);
  }
}
