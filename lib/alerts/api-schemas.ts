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

export const siteCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    kind: z.enum(['border-crossing', 'cpec-project', 'chinese-project', 'military', 'other']),
    example: z.boolean().default(false),
    notes: z.string().trim().max(1000).nullish(),
  })
  .strict();
