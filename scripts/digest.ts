/**
 * `npm run digest -- --week 2024-W50 [--subscription ID] [--dry-run] [--force]`: sends (or, with
 * --dry-run, prints) the weekly brief of one ISO week to one or every enabled, confirmed weekly
 * subscription, through the same composition and delivery log as the scheduled mails.
 */
import './lib/cli-log';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeStore } from '@/db/store';
import { getSubscription, listSubscriptions } from '@/db/services/subscriptions';
import { weekProblem } from '@/lib/reports/week';
import type { OutgoingMail } from '@/lib/mail/types';
import { weeklyArgs } from '@/server/subscriptions/content';
import { mailPort } from '@/server/subscriptions/mail-wiring';
import { sendWeekNow } from '@/server/subscriptions/send-now';
import { AppError } from '@/lib/errors';
import { closeMailTransport } from '@/server/mail/transport';
import { cliDb, fail } from './lib/cli';

const USAGE = 'usage: npm run digest -- --week 2024-W50 [--subscription ID] [--dry-run] [--force]';

let values;
try {
  ({ values } = parseArgs({
    options: {
      week: { type: 'string' },
      subscription: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.week) fail(`--week is required\n${USAGE}`);
const week = values.week;
const problem = weekProblem(week);
if (problem) fail(`--week ${problem}\n${USAGE}`);
let only: number | null = null;
if (values.subscription !== undefined) {
  if (!/^[1-9]\d{0,9}$/.test(values.subscription)) fail(`--subscription must be a subscription id (a positive whole number)\n${USAGE}`);
  only = Number(values.subscription);
}

function printMail(mail: OutgoingMail, id: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'fw-digest-'));
  const html = join(dir, `subscription-${id}.html`);
  writeFileSync(html, mail.html);
  const headers: [string, string][] = [
    ['To', mail.to],
    ['Subject', mail.subject],
    ...(mail.listUnsubscribe
      ? ([
          ['List-Unsubscribe', `<${mail.listUnsubscribe.url}>`],
          ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
        ] as [string, string][])
      : []),
    ...Object.entries(mail.headers ?? {}),
  ];
  console.log(`----- subscription ${id} (dry run: not sent) -----`);
  for (const [k, v] of headers) console.log(`${k}: ${v}`);
  for (const a of mail.attachments ?? [])
    console.log(`Attachment: ${a.filename} (${a.contentType}, ${Buffer.byteLength(a.content)} bytes)`);
  console.log(`HTML part: ${html}`);
  console.log('');
  console.log(mail.text);
}

const db = await cliDb();
let failed = 0;
try {
  const cli = { id: 'cli', userId: null, admin: true };
  const subs = only !== null ? [await getSubscription(db, only)] : await listSubscriptions(db, cli);
  if (only !== null && !subs[0]) fail(`no subscription ${only}`);
  const weekly = subs.filter((s) => s !== null && s.kind === 'weekly' && (only !== null || (s.enabled && s.confirmedAt !== null)));
  if (only !== null && weekly.length === 0)
    fail(`subscription ${only} is an alerts subscription; only weekly briefs are sent by this command`);
  if (weekly.length === 0) console.error('No enabled, confirmed weekly subscriptions.');
  const port = await mailPort(db);
  for (const sub of weekly) {
    if (!sub) continue;
    if (values['dry-run']) {
      printMail(port.weekly(await weeklyArgs(db, port, sub, week)), sub.id);
      continue;
    }
    try {
      // Without --force a send claims the week's ledger slot, so the scheduler will not send it again.
      const r = await sendWeekNow(db, port, sub.id, week, { ledger: !values.force });
      if (r.ok) console.log(`subscription ${sub.id} → ${sub.email}: sent (delivery ${r.deliveryId}, ${r.messageId})`);
      else {
        failed++;
        console.error(`subscription ${sub.id} → ${sub.email}: NOT sent (delivery ${r.deliveryId}): ${r.error}`);
      }
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const inLedger = err.message.includes('ledger');
      // Over every subscription, one that already had the week is skipped, not a failure: re-running a partial run is safe.
      if (inLedger && only === null) {
        console.log(`subscription ${sub.id} → ${sub.email}: skipped, ${err.message}`);
        continue;
      }
      failed++;
      console.error(`subscription ${sub.id}: ${err.message}${inLedger ? ' Add --force to send it again (logged as a manual send).' : ''}`);
    }
  }
} finally {
  // The pooled SMTP connection would keep the process alive until the server drops it.
  closeMailTransport();
  await closeStore(db);
}
if (failed) process.exit(1);
