import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { readSubscription } from '@/db/services/subscriptions';
import { env } from '@/lib/env';
import { formatWeek, latestCompleteWeek } from '@/lib/reports/week';
import { sendWeekSchema } from '@/lib/subscriptions/schema';
import { parsePathId } from '@/lib/validation/path-id';
import { authorize } from '@/server/auth/authorize';
import { errorBody, parseOr400, readJson, route } from '@/server/http/respond';
import { askerOf } from '@/server/subscriptions/asker';
import { mailPortOrNull } from '@/server/subscriptions/mail-wiring';
import { sendWeekNow } from '@/server/subscriptions/send-now';

export const dynamic = 'force-dynamic';

/**
 * Sends the weekly brief of `week` (default: the last complete one) now; answers once the mail
 * server accepted it: 200 { deliveryId, messageId }. 502 with the server's answer when it refuses
 * the mail for good, 503 when it is unreachable or refuses for now, or email is not configured.
 * Logged as a manual delivery, outside the weekly ledger.
 */
export const POST = route(async (req: Request, ctx: RouteContext<'/api/subscriptions/[id]/send'>) => {
  const principal = await authorize(req, 'viewer');
  const id = parsePathId((await ctx.params).id);
  const body = parseOr400(sendWeekSchema, await readJson(req, 1024), 'send request');
  const store = getStore();
  await readSubscription(store, id, askerOf(principal));
  const port = await mailPortOrNull(store);
  if (!port)
    return NextResponse.json(errorBody('mail_not_configured', 'Email is not configured (SMTP_URL, SMTP_FROM); nothing was sent.'), {
      status: 503,
    });
  const week = body.week ?? formatWeek(latestCompleteWeek(Date.now(), env().REPORT_TIME_ZONE));
  const r = await sendWeekNow(store, port, id, week);
  if (r.ok) return NextResponse.json({ deliveryId: r.deliveryId, messageId: r.messageId });
  const code = r.permanent ? 'mail_refused' : 'mail_unavailable';
  return NextResponse.json(
    { ...errorBody(code, `The mail was not sent: ${r.error}`), deliveryId: r.deliveryId },
    { status: r.permanent ? 502 : 503, headers: r.permanent ? {} : { 'retry-after': '60' } },
  );
});
