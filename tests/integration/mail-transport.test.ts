import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '@/lib/mail/types';
import { closeMailTransport, MailError, MailNotConfiguredError, sendMail } from '@/server/mail/transport';
import { rawHeader, startSmtpServer, type TestSmtpServer } from '../support/smtp';

const FROM = 'brief@frontier.example';
const saved = { url: process.env.SMTP_URL, from: process.env.SMTP_FROM };
const servers: TestSmtpServer[] = [];

async function relay(opts?: Parameters<typeof startSmtpServer>[0]): Promise<TestSmtpServer> {
  const s = await startSmtpServer(opts);
  servers.push(s);
  process.env.SMTP_URL = s.url;
  process.env.SMTP_FROM = FROM;
  return s;
}

afterEach(async () => {
  closeMailTransport();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  process.env.SMTP_URL = saved.url;
  process.env.SMTP_FROM = saved.from;
  if (saved.url === undefined) delete process.env.SMTP_URL;
  if (saved.from === undefined) delete process.env.SMTP_FROM;
});

const mail = (over: Partial<OutgoingMail> = {}): OutgoingMail => ({
  to: 'analyst@ministry.example',
  subject: 'Frontier Watch weekly brief 2024-W50 — all incidents',
  html: '<table><tr><td>12 incidents</td></tr></table>',
  text: '12 incidents',
  attachments: [{ filename: 'frontier-watch-2024-W50.csv', content: '\uFEFFa,b\r\n1,2\r\n', contentType: 'text/csv; charset=utf-8' }],
  listUnsubscribe: { url: 'http://127.0.0.1:3000/api/subscriptions/unsubscribe?token=v1.abc' },
  ...over,
});

const refusal = async (p: Promise<unknown>): Promise<MailError> => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MailError);
  return err as MailError;
};

describe('sendMail', () => {
  it('delivers multipart/alternative with the attachment, From = SMTP_FROM and the one-click unsubscribe pair', async () => {
    const s = await relay();
    const receipt = await sendMail(mail());
    const [got] = await s.waitForMessages(1);
    expect(receipt.messageId).toBe(got.messageId);
    expect(receipt.response).toMatch(/^250/);
    expect(got.from?.value).toEqual([{ address: FROM, name: '' }]);
    expect(got.envelope).toEqual({ from: FROM, to: ['analyst@ministry.example'] });
    expect(got.subject).toBe('Frontier Watch weekly brief 2024-W50 — all incidents');
    expect(got.text?.trim()).toBe('12 incidents');
    expect(got.html).toContain('12 incidents');
    expect(got.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(got.attachments.map((a) => [a.filename, a.contentType])).toEqual([['frontier-watch-2024-W50.csv', 'text/csv']]);
    expect(got.attachments[0].content.toString('utf8')).toBe('\uFEFFa,b\r\n1,2\r\n');
    // mailparser folds List-* headers into one `list` object; the raw lines are what clients read.
    expect(rawHeader(got.raw, 'List-Unsubscribe')).toBe('<http://127.0.0.1:3000/api/subscriptions/unsubscribe?token=v1.abc>');
    expect(rawHeader(got.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(got.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('gives a permanent MailError with the server answer for a 5xx refusal and a transient one for 4xx', async () => {
    const s = await relay({
      rejectWith: (n) => (n === 1 ? { code: 550, message: 'Mailbox unavailable' } : { code: 451, message: 'Try again later' }),
    });
    const hard = await refusal(sendMail(mail()));
    expect(hard.permanent).toBe(true);
    expect(hard.response).toMatch(/550.*Mailbox unavailable/);
    const soft = await refusal(sendMail(mail()));
    expect(soft.permanent).toBe(false);
    expect(soft.response).toMatch(/451.*Try again later/);
    expect(s.messages).toHaveLength(0);
    expect(s.attempts).toBe(2);
  });

  it('reports a recipient the relay refuses at RCPT TO with its answer: permanent for 550, transient for 450', async () => {
    await relay({
      rejectRecipient: (to) =>
        to.startsWith('gone@')
          ? { code: 550, message: '5.1.1 No such user' }
          : to.startsWith('busy@')
            ? { code: 450, message: '4.2.1 Mailbox busy' }
            : null,
    });
    const gone = await refusal(sendMail(mail({ to: 'gone@ministry.example' })));
    expect(gone).toMatchObject({ permanent: true, code: 'EENVELOPE' });
    expect(gone.response).toMatch(/550 5\.1\.1 No such user/);
    const busy = await refusal(sendMail(mail({ to: 'busy@ministry.example' })));
    expect(busy.permanent).toBe(false);
    expect(busy.response).toMatch(/450 4\.2\.1 Mailbox busy/);
  });

  it('authenticates with the credentials in SMTP_URL and never repeats the password in an error', async () => {
    const s = await relay({ authRequired: { user: 'relay-user', pass: 'S3cret pass/word' } });
    await sendMail(mail());
    await s.waitForMessages(1);
    process.env.SMTP_URL = s.url.replace('S3cret', 'Wrong');
    const err = await refusal(sendMail(mail()));
    expect(err.permanent).toBe(true);
    expect(err.code).toBe('EAUTH');
    expect(`${err.message} ${err.response}`).not.toMatch(/Wrong|S3cret/);
  });

  it('starts a new pool when SMTP_URL changes (mail goes to the new server)', async () => {
    const a = await relay();
    await sendMail(mail());
    const b = await relay();
    await sendMail(mail({ to: 'second@ministry.example' }));
    expect((await b.waitForMessages(1))[0].envelope.to).toEqual(['second@ministry.example']);
    expect(a.messages).toHaveLength(1);
  });

  it('refuses without SMTP_URL, to an unreachable server, and for doubtful addresses or headers', async () => {
    delete process.env.SMTP_URL;
    await expect(sendMail(mail())).rejects.toBeInstanceOf(MailNotConfiguredError);

    const s = await relay();
    const port = s.port;
    await s.close();
    servers.length = 0;
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    const down = await refusal(sendMail(mail()));
    expect(down.permanent).toBe(false);

    await relay();
    expect((await refusal(sendMail(mail({ to: 'a@x.example, b@y.example' })))).permanent).toBe(true);
    expect((await refusal(sendMail(mail({ to: 'Eve <eve@x.example>' })))).code).toBe('EMESSAGE');
    await refusal(sendMail(mail({ headers: { 'X-Filter': 'ttp\r\nBcc: eve@evil.example' } })));
    await refusal(sendMail(mail({ headers: { Bcc: 'eve@evil.example' } })));
    await refusal(sendMail(mail({ listUnsubscribe: { url: 'http://x.example/u>\r\nBcc: eve@evil.example' } })));
  });

  it('keeps a subject on one line whatever it carries', async () => {
    const s = await relay();
    await sendMail(mail({ subject: 'Brief — TTP\r\nBcc: eve@evil.example\r\n\r\nbody' }));
    const [got] = await s.waitForMessages(1);
    expect(got.headers.has('bcc')).toBe(false);
    expect(got.envelope.to).toEqual(['analyst@ministry.example']);
    expect(got.subject).toBe('Brief — TTP Bcc: eve@evil.example body');
  });

  it('gives up on a server that never answers within timeoutMs (transient), and survives one that hangs up', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((sock) => sockets.push(sock));
    const rude = createServer((sock) => {
      sockets.push(sock);
      sock.end('220 relay ESMTP\r\n');
    });
    await Promise.all([silent, rude].map((srv) => new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))));
    const port = (srv: typeof silent) => (srv.address() as { port: number }).port;
    process.env.SMTP_FROM = FROM;
    try {
      process.env.SMTP_URL = `smtp://127.0.0.1:${port(silent)}`;
      const slow = await refusal(sendMail(mail(), { timeoutMs: 300 }));
      expect(slow).toMatchObject({ permanent: false, code: 'ETIMEDOUT' });
      expect(slow.response).toMatch(/within 300 ms/);

      process.env.SMTP_URL = `smtp://127.0.0.1:${port(rude)}`;
      expect((await refusal(sendMail(mail(), { timeoutMs: 5000 }))).permanent).toBe(false);

      // The transport still works afterwards.
      const s = await relay();
      await sendMail(mail());
      expect(await s.waitForMessages(1)).toHaveLength(1);
    } finally {
      for (const sock of sockets) sock.destroy();
      await Promise.all([silent, rude].map((srv) => new Promise((resolve) => srv.close(resolve))));
    }
  });
});
