import { z } from 'zod';

export const alertListQuery = z
  .object({
    status: z.enum(['firing', 'acknowledged', 'resolved'], { message: 'status must be firing, acknowledged or resolved' }).optional(),
    limit: z.coerce
      .number({ message: 'limit must be a number' })
      .int()
      .min(1, 'limit must be ≥ 1')
      .max(200, 'limit must be ≤ 200')
      .default(50),
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,14}$/, 'cursor is not one this API returned')
      .transform(Number)
      .optional(),
  })
  .strict();

export const alertActionBody = z.object({ note: z.string().trim().max(2000, 'note must be at most 2000 characters').optional() }).strict();

export const deliveryListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    ruleId: z
      .string()
      .regex(/^[1-9]\d{0,14}$/, 'ruleId must be a rule id')
      .transform(Number)
      .optional(),
  })
  .strict();

/** The kinds db/schema/alerts.ts SITE_KINDS allows (kept here, pure, for the client bundle). */
export const SITE_KIND_VALUES = ['border-crossing', 'cpec-project', 'chinese-project', 'military', 'other'] as const;

const siteFields = {
  name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  lat: z
    .number({ message: 'must be a number (decimal degrees)' })
    .min(-90, 'must be between -90 and 90')
    .max(90, 'must be between -90 and 90'),
  lon: z
    .number({ message: 'must be a number (decimal degrees)' })
    .min(-180, 'must be between -180 and 180')
    .max(180, 'must be between -180 and 180'),
  kind: z.enum(SITE_KIND_VALUES, { message: `must be one of ${SITE_KIND_VALUES.join(', ')}` }),
  notes: z.string().trim().max(1000, 'must be at most 1000 characters').nullish(),
};

export const siteCreateSchema = z.object({ ...siteFields, example: z.boolean().default(false) }).strict();

/** PATCH /api/sites/{id}: any subset of the editable fields (the example flag is not one). */
export const sitePatchSchema = z
  .object({
    name: siteFields.name.optional(),
    lat: siteFields.lat.optional(),
    lon: siteFields.lon.optional(),
    kind: siteFields.kind.optional(),
    notes: siteFields.notes,
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'change at least one field' });
