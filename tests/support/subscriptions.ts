import type { Store } from '@/db/store';
import { closeMailTransport } from '@/server/mail/transport';
import { mailPort } from '@/server/subscriptions/mail-wiring';
import type { MailPort } from '@/server/subscriptions/mail-port';
import { makeUser, sessionCookie } from './auth';
import { BASE } from './api-db';
import { startSmtpServer, type TestSmtpServer } from './smtp';

export const ORIGIN = 'http://127.0.0.1:3000';
export const FROM = 'brief@frontier.example';

/** A signed-in user: requests carry the session cookie and pass the same-origin check of cookie mutations. */
export interface TestUser {
  id: number;
  email: string;
  req(path: string, method?: string, body?: unknown): Request;
}

export async function signedInUser(store: Store, role: 'viewer' | 'analyst' | 'admin'): Promise<TestUser> {
  const u = await makeUser(store, role);
  const cookie = await sessionCookie(store, u.id);
  return {
    id: u.id,
    email: u.email,
    req: (path, method = 'GET', body) =>
      new Request(`${BASE}${path}`, {
        method,
        headers: { cookie, 'sec-fetch-site': 'same-origin', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

const KEYS = ['SMTP_URL', 'SMTP_FROM', 'PUBLIC_URL'] as const;

/** A loopback SMTP server that the app's mail settings point at; restores the settings on close. */
export async function useSmtp(opts: Parameters<typeof startSmtpServer>[0] = {}): Promise<TestSmtpServer & { restore(): Promise<void> }> {
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  const smtp = await startSmtpServer(opts);
  process.env.SMTP_URL = smtp.url;
  process.env.SMTP_FROM = FROM;
  process.env.PUBLIC_URL = ORIGIN;
  return Object.assign(smtp, {
    async restore() {
      closeMailTransport();
      await smtp.close();
      for (const k of KEYS)
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
    },
  });
}

export const port = (store: Store): Promise<MailPort> => mailPort(store);
