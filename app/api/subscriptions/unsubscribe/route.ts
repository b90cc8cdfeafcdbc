import { getStore } from '@/db/client';
import { unsubscribe } from '@/db/services/subscriptions';
import { verifyUnsubscribe } from '@/lib/mail/unsubscribe';
import { route } from '@/server/http/respond';
import { unsubscribeSecret } from '@/server/mail/unsubscribe-secret';
import { publicPage } from '@/server/subscriptions/public-page';

export const dynamic = 'force-dynamic';

/**
 * One-click unsubscribe (RFC 8058), WITHOUT sign-in: the signed token in the link is the only
 * credential, and it can only switch off the one subscription it was mailed for. GET shows a page
 * with one button (link scanners that follow every URL in a mail must not unsubscribe anyone);
 * POST, from that button or from a mail client's `List-Unsubscribe=One-Click`, disables it.
 */
async function subscriptionOf(req: Request): Promise<{ id: number; token: string } | null> {
  const token = new URL(req.url).searchParams.get('token') ?? '';
  const id = token.length <= 200 ? verifyUnsubscribe(token, await unsubscribeSecret(getStore())) : null;
  return id === null ? null : { id, token };
}

const invalid = () =>
  publicPage({
    status: 400,
    title: 'Link not valid',
    message: 'This unsubscribe link is not valid. Use the link of a mail you received, whole.',
  });

export const GET = route(async (req: Request) => {
  const s = await subscriptionOf(req);
  if (!s) return invalid();
  return publicPage({
    status: 200,
    title: 'Unsubscribe',
    message: 'Stop the mails of this Frontier Watch subscription? You can switch it on again on the Subscriptions page.',
    form: { action: `?token=${encodeURIComponent(s.token)}`, button: 'Unsubscribe', field: ['List-Unsubscribe', 'One-Click'] },
  });
});

export const POST = route(async (req: Request) => {
  const s = await subscriptionOf(req);
  if (!s) return invalid();
  await req.body?.cancel().catch(() => {});
  const done = await unsubscribe(getStore(), s.id);
  return publicPage({
    status: 200,
    title: done ? 'Unsubscribed' : 'Already gone',
    message: done ? 'You will get no more mails from this subscription.' : 'This subscription no longer exists; nothing more will be sent.',
  });
});
