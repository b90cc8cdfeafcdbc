import { getStore } from '@/db/client';
import { confirmSubscription } from '@/db/services/subscriptions';
import { route } from '@/server/http/respond';
import { publicPage } from '@/server/subscriptions/public-page';

export const dynamic = 'force-dynamic';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function tokenOf(req: Request): string | null {
  const token = new URL(req.url).searchParams.get('token') ?? '';
  return TOKEN.test(token) ? token : null;
}

const invalid = () =>
  publicPage({
    status: 400,
    title: 'Link not valid',
    message: 'This confirmation link is not valid, was already used, or a newer one was sent.',
  });

/**
 * The confirmation link mailed when someone subscribes an address other than their own: answered
 * without sign-in (the address owner may have no account). GET shows one button; POST confirms.
 */
export const GET = route((req: Request) => {
  const token = tokenOf(req);
  if (!token) return invalid();
  return publicPage({
    status: 200,
    title: 'Confirm the subscription',
    message: 'Someone subscribed this address to Frontier Watch mails. Confirm to start receiving them; ignore the mail otherwise.',
    form: { action: `?token=${encodeURIComponent(token)}`, button: 'Confirm' },
  });
});

export const POST = route(async (req: Request) => {
  const token = tokenOf(req);
  if (!token) return invalid();
  await req.body?.cancel().catch(() => {});
  const sub = await confirmSubscription(getStore(), token);
  if (!sub) return invalid();
  return publicPage({
    status: 200,
    title: 'Confirmed',
    message: 'The subscription is confirmed. Every mail carries a link to unsubscribe.',
  });
});
