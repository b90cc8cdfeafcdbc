import { z } from 'zod';
import { REGION_IDS } from '@/lib/taxonomy/regions';
import { canonicalEventType, canonicalSubEventType } from '@/lib/taxonomy/event-types';
import { webhookSecretSchema } from './webhook-secret';

/** Rule kinds, severities and statuses mirror db/schema/alerts.ts (kept pure for the client bundle). */
export const RULE_KIND_VALUES = ['threshold', 'mass-casualty', 'spike', 'new-actor', 'proximity', 'cross-border'] as const;
export const SEVERITY_VALUES = ['info', 'warning', 'critical'] as const;
export type RuleKind = (typeof RULE_KIND_VALUES)[number];
export type Severity = (typeof SEVERITY_VALUES)[number];

const count = (max: number) =>
  z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be ≥ 1').max(max, `must be ≤ ${max}`);

const eventOrSubType = z
  .string()
  .trim()
  .max(100)
  .transform((t, ctx) => {
    const canonical = canonicalEventType(t) ?? canonicalSubEventType(t)?.subEventType;
    if (!canonical) {
      ctx.addIssue({ code: 'custom', message: `"${t}" is not an ACLED event or sub-event type` });
      return z.NEVER;
    }
    return canonical;
  });

export const ruleScopeSchema = z
  .object({
    group: z.array(z.string().trim().toLowerCase().min(1).max(64)).max(50).optional(),
    region: z
      .array(z.enum(REGION_IDS, { message: `must be one of ${REGION_IDS.join(', ')}` }))
      .max(REGION_IDS.length)
      .optional(),
    type: z.array(eventOrSubType).max(50).optional(),
  })
  .strict();
export type RuleScope = z.output<typeof ruleScopeSchema>;

const atLeastOne = (keys: string[]) => (v: Record<string, unknown>) => keys.some((k) => v[k] !== undefined);

export const thresholdParams = z
  .object({
    count: count(100_000).optional(),
    killed: count(1_000_000).optional(),
    windowHours: z
      .number()
      .positive()
      .max(24 * 90, 'must be ≤ 2160 (90 days)'),
  })
  .strict()
  .refine(atLeastOne(['count', 'killed']), { message: 'set count and/or killed' });
export const massCasualtyParams = z
  .object({ killed: count(1_000_000).optional(), killedPlusInjured: count(1_000_000).optional() })
  .strict()
  .refine(atLeastOne(['killed', 'killedPlusInjured']), { message: 'set killed and/or killedPlusInjured' });
export const spikeParams = z.object({ minCount: count(100_000), pValue: z.number().gt(0).lt(1).default(0.01) }).strict();
export const newActorParams = z.object({ days: count(3650) }).strict();
export const proximityParams = z
  .object({
    radiusKm: z.number().positive().max(1000, 'must be ≤ 1000'),
    siteIds: z.array(z.number().int().positive()).min(1, 'name at least one site').max(200),
  })
  .strict();
export const crossBorderParams = z.object({}).strict();

export const PARAMS_BY_KIND = {
  threshold: thresholdParams,
  'mass-casualty': massCasualtyParams,
  spike: spikeParams,
  'new-actor': newActorParams,
  proximity: proximityParams,
  'cross-border': crossBorderParams,
} as const;

export type ThresholdParams = z.output<typeof thresholdParams>;
export type MassCasualtyParams = z.output<typeof massCasualtyParams>;
export type SpikeParams = z.output<typeof spikeParams>;
export type NewActorParams = z.output<typeof newActorParams>;
export type ProximityParams = z.output<typeof proximityParams>;

/** The kind-specific part of a rule, discriminated by kind. */
export const ruleDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('threshold'), params: thresholdParams }),
  z.object({ kind: z.literal('mass-casualty'), params: massCasualtyParams }),
  z.object({ kind: z.literal('spike'), params: spikeParams }),
  z.object({ kind: z.literal('new-actor'), params: newActorParams }),
  z.object({ kind: z.literal('proximity'), params: proximityParams }),
  z.object({ kind: z.literal('cross-border'), params: crossBorderParams.default({}) }),
]);
export type RuleDefinition = z.output<typeof ruleDefinitionSchema>;

const webhookUrl = z
  .string()
  .trim()
  .max(2048)
  .url('must be a URL')
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must be an http(s) URL' });
const webhookSecret = webhookSecretSchema;
const isoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO instant such as 2026-01-01T00:00:00Z' });

const common = {
  name: z.string().trim().min(1, 'must not be empty').max(120),
  severity: z.enum(SEVERITY_VALUES),
  scope: ruleScopeSchema.default({}),
  webhookUrl: webhookUrl.nullish(),
  webhookSecret: webhookSecret.optional(),
  enabled: z.boolean().default(true),
  silencedUntil: isoInstant.nullish(),
};

/** POST /api/alert-rules body: strict, discriminated by kind. */
export const ruleCreateSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('threshold'), params: thresholdParams }).strict(),
  z.object({ ...common, kind: z.literal('mass-casualty'), params: massCasualtyParams }).strict(),
  z.object({ ...common, kind: z.literal('spike'), params: spikeParams }).strict(),
  z.object({ ...common, kind: z.literal('new-actor'), params: newActorParams }).strict(),
  z.object({ ...common, kind: z.literal('proximity'), params: proximityParams }).strict(),
  z.object({ ...common, kind: z.literal('cross-border'), params: crossBorderParams.default({}) }).strict(),
]);
export type RuleCreateInput = z.output<typeof ruleCreateSchema>;

/** PATCH body: any subset; params are re-validated against the rule's (unchangeable) kind. */
export const rulePatchSchema = z
  .object({
    name: common.name.optional(),
    severity: common.severity.optional(),
    scope: ruleScopeSchema.optional(),
    params: z.record(z.string().max(40), z.unknown()).optional(),
    webhookUrl: webhookUrl.nullable().optional(),
    webhookSecret: webhookSecret.optional(),
    enabled: z.boolean().optional(),
    silencedUntil: isoInstant.nullable().optional(),
  })
  .strict();
export type RulePatchInput = z.output<typeof rulePatchSchema>;

/** POST /api/alert-rules/preview body: the create body of a rule being edited; the name may still be blank. */
export const rulePreviewSchema = z.preprocess((v) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const name = (v as { name?: unknown }).name;
  return typeof name === 'string' && name.trim() ? v : { ...v, name: 'Unsaved rule' };
}, ruleCreateSchema);
