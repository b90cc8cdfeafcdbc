// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { GET as listRoute, POST as createRoute } from '@/app/api/subscriptions/route';
import { DELETE as deleteRoute, GET as readRoute, PATCH as patchRoute } from '@/app/api/subscriptions/[id]/route';
import { GET as deliveriesRoute } from '@/app/api/subscriptions/[id]/deliveries/route';
import { POST as sendRoute } from '@/app/api/subscriptions/[id]/send/route';
import { GET as unsubscribePage, POST as unsubscribeRoute } from '@/app/api/subscriptions/unsubscribe/route';
import { GET as confirmPage, POST as confirmRoute } from '@/app/api/subscriptions/confirm/route';
import { builder } from '@/db/engine';
import { auditLog, mailDeliveries } from '@/db/schema';
import { getSubscription } from '@/db/services/subscriptions';
import { queueWeeklyDigests } from '@/server/subscriptions/queue';
import { deliverDueMail } from '@/server/subscriptions/deliver';
import { CONFIRM_SUBJECT } from '@/lib/mail/confirm-mail';
import { resetRateLimits } from '@/server/security/rate-limit';
import { BASE, ctx, useTempDb, type TempDb } from '../support/api-db';
import { rawHeader } from '../support/smtp';
import { port, signedInUser, useSmtp, type TestUser } from '../support/subscriptions';

let t: TempDb;
let smtp: Awaited<ReturnType<typeof useSmtp>>;
let alice: TestUser;
let bob: TestUser;
let admin: TestUser;
beforeAll(async () => {
  t = await useTempDb();
  resetRateLimits();
  alice = await signedInUser(t.store, 'viewer');
  bob = await signedInUser(t.store, 'analyst');
  admin = await signedInUser(t.store, 'admin');
  smtp = await useSmtp();
});
afterAll(async () => {
  await smtp.restore();
  await t.cleanup();
});

async function json(res: Response) {
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
const create = async (u: TestUser, body: unknown) => json(await createRoute(u.req('/api/subscriptions', 'POST', body)));
const id = (n: number) => ctx({ id: String(n) });

describe('subscriptions API', () => {
  let mine: number;
  it('subscribes a user to the weekly brief at their own address, confirmed at once, audited', async () => {
    const r = await create(alice, { kind: 'weekly', filter: { query: '?region=kp&group=ttp&incident=3' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      kind: 'weekly',
      email: alice.email,
      enabled: true,
      minSeverity: null,
      filter: { query: 'region=kp&group=ttp' },
    });
    expect(r.body.confirmedAt).not.toBeNull();
    mine = r.body.id;
    const [row] = await builder(t.store)
      .select({ actor: auditLog.actor, action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'subscription'), eq(auditLog.entityId, String(mine))));
    expect(row).toEqual({ actor: `user:${alice.id}`, action: 'create' });
    const list = await json(await listRoute(alice.req('/api/subscriptions')));
    expect(list.body.mailConfigured).toBe(true);
    expect(list.body.items.map((s: any) => s.id)).toEqual([mine]);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const issue = async (body: unknown) => (await create(alice, body)).body.error.issues?.map((i: any) => i.path);
    expect(await issue({ kind: 'daily' })).toContain('kind');
    expect(await issue({ kind: 'weekly', email: 'not an address' })).toContain('email');
    expect(await issue({ kind: 'alerts', minSeverity: 'panic' })).toContain('minSeverity');
    const badQuery = await create(alice, { kind: 'weekly', filter: { query: 'from=2024-13-45' } });
    expect(badQuery.body.error.issues[0]).toMatchObject({ path: 'filter.query', message: expect.stringMatching(/from/) });
    expect(await issue({ kind: 'weekly', filter: 'kp' })).toContain('filter');
    expect((await create(alice, { kind: 'weekly', filter: { viewId: 999 } })).body.error.issues[0].path).toBe('filter.viewId');
    expect((await create(alice, { kind: 'weekly', extra: 1 })).status).toBe(400);
    expect((await create(alice, { kind: 'weekly', userId: bob.id })).status).toBe(403);
  });

  it("answers 404 for someone else's subscription on every route, and lets an admin see and change it", async () => {
    const c = id(mine);
    expect((await readRoute(bob.req(`/api/subscriptions/${mine}`), c)).status).toBe(404);
    expect((await patchRoute(bob.req(`/api/subscriptions/${mine}`, 'PATCH', { enabled: false }), c)).status).toBe(404);
    expect((await deliveriesRoute(bob.req(`/api/subscriptions/${mine}/deliveries`), c)).status).toBe(404);
    expect((await sendRoute(bob.req(`/api/subscriptions/${mine}/send`, 'POST', { week: '2024-W50' }), c)).status).toBe(404);
    expect((await deleteRoute(bob.req(`/api/subscriptions/${mine}`, 'DELETE'), c)).status).toBe(404);
    expect((await json(await listRoute(bob.req('/api/subscriptions')))).body.items).toEqual([]);
    const all = await json(await listRoute(admin.req('/api/subscriptions')));
    expect(all.body.items.find((s: any) => s.id === mine).owner.email).toBe(alice.email);
    const off = await json(await patchRoute(admin.req(`/api/subscriptions/${mine}`, 'PATCH', { enabled: false }), c));
    expect(off.body.enabled).toBe(false);
    expect((await json(await patchRoute(alice.req(`/api/subscriptions/${mine}`, 'PATCH', { enabled: true }), c))).body.enabled).toBe(true);
    expect((await readRoute(new Request(`${BASE}/api/subscriptions/${mine}`), c)).status).toBe(401);
  });

  it('mails only a confirmation to another address a non-admin subscribes, until it is confirmed', async () => {
    const r = await create(bob, { kind: 'weekly', email: 'Desk@Ministry.example' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ email: 'desk@ministry.example', confirmedAt: null });
    const sub = r.body.id as number;
    // The weekly brief is due, but this address has not agreed: only the confirmation goes out.
    const p = await port(t.store);
    const later = Date.parse('2030-01-07T12:00:00Z');
    await queueWeeklyDigests(t.store, later, { weekday: 1, hour: 8, minute: 0 }, 'Asia/Karachi');
    await deliverDueMail(t.store, p, { now: () => later });
    const toDesk = smtp.messages.filter((m) => m.envelope.to.includes('desk@ministry.example'));
    expect(toDesk.map((m) => m.subject)).toEqual([CONFIRM_SUBJECT]);
    expect((await sendRoute(bob.req(`/api/subscriptions/${sub}/send`, 'POST', {}), id(sub))).status).toBe(409);
    const log = await json(await deliveriesRoute(bob.req(`/api/subscriptions/${sub}/deliveries`), id(sub)));
    expect(log.body.items.map((d: any) => [d.kind, d.status])).toContainEqual(['confirm', 'sent']);
    expect(log.body.items.map((d: any) => d.kind)).toEqual(['confirm']);

    const link = /Confirm the subscription: (\S+)/.exec(toDesk[0].text ?? '')![1];
    const path = link.replace('http://127.0.0.1:3000', '');
    expect((await confirmPage(new Request(`${BASE}${path}`))).status).toBe(200);
    const done = await confirmRoute(new Request(`${BASE}${path}`, { method: 'POST' }));
    expect(done.status).toBe(200);
    expect((await getSubscription(t.store, sub))!.confirmedAt).not.toBeNull();
    // Used once: the same link no longer confirms anything.
    expect((await confirmRoute(new Request(`${BASE}${path}`, { method: 'POST' }))).status).toBe(400);
    // An admin's subscription of any address needs no confirmation.
    expect((await create(admin, { kind: 'alerts', email: 'ops@ministry.example' })).body.confirmedAt).not.toBeNull();
  });

  it('unsubscribes in one click without signing in, with the signed link of a mail', async () => {
    const r = await json(await sendRoute(alice.req(`/api/subscriptions/${mine}/send`, 'POST', { week: '2024-W50' }), id(mine)));
    expect(r.status).toBe(200);
    const mail = smtp.messages.find((m) => m.messageId === r.body.messageId)!;
    const header = rawHeader(mail.raw, 'List-Unsubscribe')!;
    expect(rawHeader(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const path = header.slice(1, -1).replace('http://127.0.0.1:3000', '');
    const page = await unsubscribePage(new Request(`${BASE}${path}`));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('List-Unsubscribe');
    expect((await getSubscription(t.store, mine))!.enabled).toBe(true);
    const res = await unsubscribeRoute(
      new Request(`${BASE}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
    );
    expect(res.status).toBe(200);
    expect((await getSubscription(t.store, mine))!.enabled).toBe(false);
    // A forged or altered token does nothing.
    const forged = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await unsubscribeRoute(new Request(`${BASE}${forged}`, { method: 'POST' }))).status).toBe(400);
    expect(
      (await unsubscribeRoute(new Request(`${BASE}/api/subscriptions/unsubscribe?token=v1.${mine}.x`, { method: 'POST' }))).status,
    ).toBe(400);
  });

  it('deletes (owner), with its delivery log', async () => {
    expect((await deleteRoute(alice.req(`/api/subscriptions/${mine}`, 'DELETE'), id(mine))).status).toBe(204);
    expect((await readRoute(alice.req(`/api/subscriptions/${mine}`), id(mine))).status).toBe(404);
    expect(await builder(t.store).select().from(mailDeliveries).where(eq(mailDeliveries.subscriptionId, mine))).toEqual([]);
  });
});
