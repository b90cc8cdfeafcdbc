import { z } from 'zod';
import { SEVERITY_VALUES as SEVERITIES } from '@/lib/alerts/rule-schema';
import { emailSchema } from '@/lib/auth/user-input';
import { isMailAddress } from '@/lib/mail/headers';
import { weekProblem } from '@/lib/reports/week';
import { normaliseViewQuery, VIEW_QUERY_MAX } from '@/lib/views/schema';

export const SUBSCRIPTION_KINDS = ['weekly', 'alerts'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];
export type Severity = (typeof SEVERITIES)[number];
/** Per user: more than this is a mailing list, not a subscription. */
export const SUBSCRIPTIONS_PER_USER_MAX = 50;

/**
 * What a subscription is about: the dashboard's filter parameters as a query string
 * (`{ "query": "group=ttp&region=kp" }`, the same normalisation as a saved view, so an invalid
 * parameter is refused naming it) or a saved view the owner can read (`{ "viewId": 3 }`).
 */
const queryFilterSchema = z.strictObject({
  query: z
    .string({ message: 'must be a string of dashboard parameters' })
    .max(VIEW_QUERY_MAX, `must be at most ${VIEW_QUERY_MAX} characters`)
    .transform((s, ctx) => {
      const { query, invalid } = normaliseViewQuery(s);
      for (const p of invalid) ctx.addIssue({ code: 'custom', message: `has an invalid ${p} parameter` });
      return query;
    }),
});
const viewFilterSchema = z.strictObject({ viewId: z.number({ message: 'must be a saved view id' }).int().positive() });

/** Picks the form by its key, so an error names the field that is wrong (filter.query, filter.viewId). */
export const subscriptionFilterSchema = z
  .unknown()
  .transform((v, ctx): z.output<typeof queryFilterSchema> | z.output<typeof viewFilterSchema> => {
    const schema = v !== null && typeof v === 'object' && 'viewId' in v ? viewFilterSchema : queryFilterSchema;
    const r = schema.safeParse(v);
    if (r.success) return r.data;
    for (const i of r.error.issues)
      ctx.addIssue({
        code: 'custom',
        path: i.path,
        message: i.path.length ? i.message : 'must be { "query": "<dashboard parameters>" } or { "viewId": <id> }',
      });
    return z.NEVER;
  });
export type SubscriptionFilter = z.output<typeof subscriptionFilterSchema>;

const severity = z.enum(SEVERITIES, { message: `minSeverity must be one of ${SEVERITIES.join(', ')}` });
// What the transport will send to (lib/mail/headers.ts): one plain ASCII address, no display name or second address.
const email = emailSchema.refine(
  isMailAddress,
  'must be one plain address such as analyst@ministry.example (ASCII; internationalised domains in their xn-- form)',
);

export const subscriptionCreateSchema = z
  .strictObject({
    kind: z.enum(SUBSCRIPTION_KINDS, { message: 'kind must be "weekly" or "alerts"' }),
    filter: subscriptionFilterSchema.default({ query: '' }),
    minSeverity: severity.nullable().optional(),
    /** Defaults to the account's own address. */
    email: email.optional(),
    enabled: z.boolean({ message: 'enabled must be true or false' }).default(true),
    /** Admins only: subscribe on another user's behalf (that user owns it). */
    userId: z.number({ message: 'userId must be a user id' }).int().positive().optional(),
  })
  .transform((s) => ({ ...s, minSeverity: s.kind === 'alerts' ? (s.minSeverity ?? 'warning') : null }));
export type SubscriptionCreateInput = z.output<typeof subscriptionCreateSchema>;

export const subscriptionPatchSchema = z
  .strictObject({
    filter: subscriptionFilterSchema.optional(),
    minSeverity: severity.optional(),
    email: email.optional(),
    enabled: z.boolean({ message: 'enabled must be true or false' }).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'the body must change at least one of filter, minSeverity, email, enabled');
export type SubscriptionPatchInput = z.output<typeof subscriptionPatchSchema>;

/** `{ "week": "2024-W50" }` for a manual send; a missing week means the last complete one. */
export const sendWeekSchema = z.strictObject({
  week: z
    .string({ message: 'week must be a string like 2024-W50' })
    .refine((w) => weekProblem(w) === null, { error: (i) => `week: ${weekProblem(String(i.input))}` })
    .optional(),
});

/** The API's answer for one subscription. */
export interface Subscription {
  id: number;
  userId: number;
  owner: { id: number; email: string; name: string };
  kind: SubscriptionKind;
  filter: SubscriptionFilter;
  minSeverity: Severity | null;
  email: string;
  enabled: boolean;
  confirmedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MailDelivery {
  id: number;
  subscriptionId: number;
  kind: 'weekly' | 'alerts' | 'manual' | 'confirm';
  week: string | null;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  messageId: string | null;
  alertIds: number[];
  createdAt: string;
  sentAt: string | null;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
export const severityAtLeast = (s: Severity, min: Severity) => SEVERITY_RANK[s] >= SEVERITY_RANK[min];
/** The severities at or above `min`, for SQL `IN (…)`. */
export const severitiesFrom = (min: Severity): Severity[] => SEVERITIES.filter((s) => severityAtLeast(s, min));
