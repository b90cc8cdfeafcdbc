/**
 * A real SMTP server on 127.0.0.1 for tests (smtp-server), keeping every accepted message parsed
 * by mailparser with its raw source. Plain SMTP: STARTTLS is not offered, so clients on loopback
 * send in the clear without certificates.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail extends ParsedMail {
  /** The message exactly as it arrived (headers and MIME body). */
  raw: string;
  envelope: { from: string | null; to: string[] };
}

export interface SmtpRefusal {
  code: number;
  message: string;
}

export interface StartSmtpOptions {
  /** Called with the 1-based number of each message the server receives; a refusal answers its DATA with `code message`. */
  rejectWith?: (n: number) => SmtpRefusal | null;
  /** Called for each RCPT TO; a refusal answers that recipient with `code message` (as a relay does for an unknown mailbox). */
  rejectRecipient?: (address: string) => SmtpRefusal | null;
  /** Require AUTH with these credentials (they are put into `url`). Without it AUTH is optional and anything is accepted. */
  authRequired?: { user: string; pass: string };
}

export interface TestSmtpServer {
  port: number;
  /** `smtp://[user:pass@]127.0.0.1:port`, ready for SMTP_URL. */
  url: string;
  /** Accepted messages, in arrival order. */
  messages: ReceivedMail[];
  /** Every message received, refused ones included. */
  readonly attempts: number;
  /** Resolves with the messages once `n` have been accepted; rejects after `timeoutMs`. */
  waitForMessages(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

const address = (a: SMTPServerAddress | false): string | null => (a ? a.address : null);

export async function startSmtpServer(opts: StartSmtpOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let attempts = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !opts.authRequired,
    allowInsecureAuth: true,
    logger: false,
    // Pooled clients keep their connection open; do not wait long for them at close().
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      const want = opts.authRequired;
      if (!want || (auth.username === want.user && auth.password === want.pass)) return callback(null, { user: auth.username ?? 'user' });
      callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const refusal = opts.rejectRecipient?.(address.address) ?? null;
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        attempts += 1;
        const refusal = opts.rejectWith?.(attempts) ?? null;
        if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const envelope = { from: address(session.envelope.mailFrom), to: session.envelope.rcptTo.map((r) => r.address) };
            messages.push(Object.assign(parsed, { raw, envelope }));
            for (const wake of waiters) wake();
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A client that disconnects mid-session emits 'error' on the server; a test server must not crash on it.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;
  const auth = opts.authRequired ? `${encodeURIComponent(opts.authRequired.user)}:${encodeURIComponent(opts.authRequired.pass)}@` : '';

  return {
    port,
    url: `smtp://${auth}127.0.0.1:${port}`,
    messages,
    get attempts() {
      return attempts;
    },
    waitForMessages(n, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < n) return;
          cleanup();
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`expected ${n} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The unfolded value of header `name` in the raw message head. */
export function rawHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const textOf = (html: string) =>
  html
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITY[e])
    .replace(/\s+/g, ' ')
    .trim();

/** The rows (cell texts, tags stripped, entities decoded) of the table inside `<div data-table="id">` in a mail's HTML. */
export function mailTableRows(html: string, id: string): string[][] {
  const start = html.indexOf(`<div data-table="${id}">`);
  if (start < 0) return [];
  // Bars are small layout tables inside cells: drop them so the rows are the data table's own.
  const flat = html.slice(start).replace(/<table[^>]*role="presentation"[^>]*>[\s\S]*?<\/table>/g, '');
  const body = flat.slice(0, flat.indexOf('</table>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1])),
  );
}
