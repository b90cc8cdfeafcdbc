// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { GET as weeklyApi } from '@/app/api/reports/weekly/route';
import { ledgerEntry, listDeliveries } from '@/db/services/mail-deliveries';
import { createSubscription } from '@/db/services/subscriptions';
import { subscriptionCreateSchema } from '@/lib/subscriptions/schema';
import { get, useTempDb, type TempDb } from '../support/api-db';
import { signedInUser, useSmtp } from '../support/subscriptions';
import { generateInputs, seedGenerated } from '../support/weekly-data';

const run = promisify(execFile);
const WEEK = '2024-W50';
let t: TempDb;
let smtp: Awaited<ReturnType<typeof useSmtp>>;
let sub: number;

// Asynchronously: the SMTP server the CLI sends to runs in this process.
async function digest(args: string[], env: Record<string, string | undefined> = {}) {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'scripts/digest.ts', ...args], {
      env: {
        ...process.env,
        ...(t.engine === 'postgres' ? { DATABASE_URL: t.path } : { DATABASE_PATH: t.path }),
        REPORT_TIME_ZONE: 'Asia/Karachi',
        LOG_LEVEL: 'warn',
        ...env,
      },
      encoding: 'utf8',
      timeout: 90_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  t = await useTempDb();
  expect((await weeklyApi(get(`/api/reports/weekly?week=${WEEK}`))).status).toBe(200);
  await seedGenerated(t.store, generateInputs(5, 200, '2024-11-01', '2024-12-20'), 'Asia/Karachi');
  const owner = await signedInUser(t.store, 'viewer');
  const asker = { id: `user:${owner.id}`, userId: owner.id, admin: false };
  sub = (await createSubscription(t.store, subscriptionCreateSchema.parse({ kind: 'weekly', filter: { query: 'region=kp' } }), asker))
    .subscription.id;
  smtp = await useSmtp();
});
afterAll(async () => {
  await smtp.restore();
  await t.cleanup();
});

describe('npm run digest', () => {
  it('refuses bad arguments, naming them', async () => {
    const noWeek = await digest([]);
    expect(noWeek.code).toBe(2);
    expect(noWeek.stderr).toMatch(/--week is required/);
    expect((await digest(['--week', '2024-W54'])).stderr).toMatch(/--week 2024 has 52 ISO weeks/);
    expect((await digest(['--week', WEEK, '--subscription', 'x'])).stderr).toMatch(/--subscription must be a subscription id/);
    expect((await digest(['--week', WEEK, '--subscription', '999'])).stderr).toMatch(/no subscription 999/);
  }, 120_000);

  it('prints the mail on a dry run and sends nothing, without SMTP configured', async () => {
    const r = await digest(['--week', WEEK, '--subscription', String(sub), '--dry-run'], { SMTP_URL: '', SMTP_FROM: '' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Subject: Frontier Watch weekly brief 2024-W50 — region=kp/m);
    expect(r.stdout).toMatch(/^List-Unsubscribe: <http:\/\/127\.0\.0\.1:3000\/api\/subscriptions\/unsubscribe\?token=v1\./m);
    expect(r.stdout).toMatch(/^Attachment: frontier-watch-2024-W50\.csv/m);
    expect(r.stdout).toMatch(/Incidents: \d+ \(/);
    const html = /^HTML part: (\S+)$/m.exec(r.stdout)![1];
    expect(existsSync(html) && readFileSync(html, 'utf8')).toMatch(/<html/);
    expect(smtp.attempts).toBe(0);
    expect(await listDeliveries(t.store, sub)).toEqual([]);
  }, 120_000);

  it('sends and records the week in the ledger; a second send of that week needs --force', async () => {
    const first = await digest(['--week', WEEK, '--subscription', String(sub)]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/sent \(delivery \d+, <.+>\)/);
    expect(smtp.messages).toHaveLength(1);
    expect(await ledgerEntry(t.store, sub, WEEK)).toMatchObject({ status: 'sent', kind: 'weekly' });
    const again = await digest(['--week', WEEK, '--subscription', String(sub)]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already in the weekly ledger.*--force/);
    expect(smtp.messages).toHaveLength(1);
    const forced = await digest(['--week', WEEK, '--subscription', String(sub), '--force']);
    expect(forced.code).toBe(0);
    expect(smtp.messages).toHaveLength(2);
    expect((await listDeliveries(t.store, sub)).map((d) => d.kind)).toEqual(['manual', 'weekly']);
  }, 180_000);
});
