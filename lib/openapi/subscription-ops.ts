import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import type { Operation, Spec } from './operations';

/** The subscriptions API (issue 23): its own file, so the list in operations.ts only gains one line. */

const int = z.number().int();
const instant = z.string().meta({ format: 'date-time', description: 'ISO instant (UTC)' });
const severity = z.enum(['info', 'warning', 'critical']);
const json = (schema: z.ZodType, description: string): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/json': { schema } },
});
const jsonBody = (schema: z.ZodType, required = true) => ({ required, content: { 'application/json': { schema } } });
const html = (description: string): ZodOpenApiResponseObject => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });

const filter = z
  .union([
    z.object({ query: z.string().max(2000).meta({ description: 'dashboard parameters, e.g. `group=ttp&region=kp`; empty: everything' }) }),
    z.object({ viewId: int.meta({ description: 'a saved view the owner can read (their own or a shared one)' }) }),
  ])
  .meta({ id: 'SubscriptionFilter' });

const subscription = z
  .object({
    id: int,
    userId: int,
    owner: z.object({ id: int, email: z.string(), name: z.string() }),
    kind: z.enum(['weekly', 'alerts']),
    filter,
    minSeverity: severity.nullable().meta({ description: 'alerts only: the lowest severity mailed' }),
    email: z.string(),
    enabled: z.boolean(),
    confirmedAt: instant
      .nullable()
      .meta({ description: 'null until the address confirmed (another address than a non-admin owner’s own)' }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Subscription' });

const written = subscription.extend({
  confirmation: z
    .object({ deliveryId: int, mailConfigured: z.boolean() })
    .nullable()
    .meta({ description: 'the queued confirmation mail, when the address must confirm first' }),
});

const delivery = z
  .object({
    id: int,
    subscriptionId: int,
    kind: z.enum(['weekly', 'alerts', 'manual', 'confirm']),
    week: z.string().nullable(),
    status: z.enum(['queued', 'sent', 'failed']),
    attempts: int,
    nextAttemptAt: instant.nullable().meta({ description: 'queued only: the next try' }),
    lastError: z.string().nullable().meta({ description: 'the mail server’s answer to the last failed try' }),
    messageId: z.string().nullable(),
    alertIds: z.array(int),
    createdAt: instant,
    sentAt: instant.nullable(),
  })
  .meta({ id: 'MailDelivery' });

const createBody = z.object({
  kind: z.enum(['weekly', 'alerts']),
  filter: filter.optional(),
  minSeverity: severity.optional().meta({ description: 'alerts only; default warning' }),
  email: z.string().optional().meta({ description: 'default: the account’s address' }),
  enabled: z.boolean().optional(),
  userId: int.optional().meta({ description: 'admins only: subscribe on behalf of this user' }),
});
const patchBody = z.object({
  filter: filter.optional(),
  minSeverity: severity.optional(),
  email: z.string().optional(),
  enabled: z.boolean().optional(),
});
const token = z.object({ token: z.string().max(200) });

function at(path: string) {
  const verb =
    (method: Operation['method']) =>
    (role: Operation['role'], summary: string, spec: Spec): Operation => ({ path, method, tag: 'Subscriptions', role, summary, ...spec });
  return { GET: verb('get'), POST: verb('post'), PATCH: verb('patch'), DELETE: verb('delete') };
}

export const subscriptionOps: Operation[] = [
  at('/api/subscriptions').GET('viewer', 'The caller’s subscriptions (admins: everyone’s)', {
    ok: {
      200: json(
        z.object({ items: z.array(subscription), mailConfigured: z.boolean() }),
        'The subscriptions; `mailConfigured` is false without SMTP_URL.',
      ),
    },
  }),
  at('/api/subscriptions').POST('viewer', 'Subscribe to the weekly brief or to alerts', {
    description:
      'A non-admin subscribing another address than their account’s gets `confirmedAt: null` and a confirmation mail to it; nothing else is sent there until it is confirmed. 409 past 50 subscriptions per user.',
    body: jsonBody(createBody),
    ok: { 201: json(written, 'Created.') },
    errors: [409],
  }),
  at('/api/subscriptions/{id}').GET('viewer', 'One subscription (someone else’s: 404)', {
    ok: { 200: json(subscription, 'The subscription.') },
    errors: [404],
  }),
  at('/api/subscriptions/{id}').PATCH('viewer', 'Change filter, minSeverity, email or enabled', {
    description: 'A new address of a non-admin must confirm again. Someone else’s subscription: 404 (admins: any).',
    body: jsonBody(patchBody),
    ok: { 200: json(written, 'The subscription now.') },
    errors: [404],
  }),
  at('/api/subscriptions/{id}').DELETE('viewer', 'Delete a subscription and its delivery log', {
    ok: { 204: { description: 'Done; no body.' } },
    errors: [404],
  }),
  at('/api/subscriptions/{id}/deliveries').GET('viewer', 'The delivery log, newest first (last 100)', {
    ok: { 200: json(z.object({ items: z.array(delivery) }), 'Queued, sent and failed mails, with the server’s answer.') },
    errors: [404],
  }),
  at('/api/subscriptions/{id}/send').POST('viewer', 'Send one weekly brief now (owner or admin)', {
    description:
      '`{ "week": "2024-W50" }` (default: the last complete week). Answers once the mail server accepted the mail. Logged as a manual delivery, outside the weekly ledger. 502: the server refused the mail for good (its answer in the message); 503: unreachable, refusing for now, or email not configured. 409: an alerts subscription, unconfirmed or disabled.',
    body: jsonBody(z.object({ week: z.string().optional() }), false),
    ok: { 200: json(z.object({ deliveryId: int, messageId: z.string() }), 'Accepted by the mail server.') },
    errors: [404, 409, 502, 503],
  }),
  at('/api/subscriptions/unsubscribe').GET('public', 'The unsubscribe page of a mail’s link (no sign-in)', {
    description: 'A page with one button that POSTs to the same URL; opening the link alone changes nothing (link scanners).',
    query: token,
    ok: { 200: html('The page.') },
    errors: [400],
  }),
  at('/api/subscriptions/unsubscribe').POST('public', 'One-click unsubscribe (RFC 8058; no sign-in)', {
    description:
      'The signed `token` of the mail’s link disables that one subscription. Mail clients POST `List-Unsubscribe=One-Click`. Idempotent.',
    query: token,
    body: {
      required: false,
      content: { 'application/x-www-form-urlencoded': { schema: z.object({ 'List-Unsubscribe': z.literal('One-Click') }) } },
    },
    ok: { 200: html('Unsubscribed.') },
    errors: [400],
  }),
  at('/api/subscriptions/confirm').GET('public', 'The confirmation page of a confirmation mail (no sign-in)', {
    query: token,
    ok: { 200: html('A page with one button that POSTs to the same URL.') },
    errors: [400],
  }),
  at('/api/subscriptions/confirm').POST('public', 'Confirm the address of a subscription (no sign-in)', {
    description: 'Only the latest confirmation mail’s token works, once.',
    query: token,
    ok: { 200: html('Confirmed.') },
    errors: [400],
  }),
];
