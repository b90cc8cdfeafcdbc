import { z } from 'zod';
import { MATCH_STATUSES } from '@/lib/datasets/match-types';

export const MATCH_LIST_PARAM_NAMES = ['status', 'limit', 'cursor'] as const;

/** GET /api/matches: `status` (default proposed), `limit` 1–200 (default 50), `cursor` (the previous page's nextCursor). */
export const matchListQuery = z
  .object({
    status: z.enum(MATCH_STATUSES, { message: `status must be one of ${MATCH_STATUSES.join(', ')}` }).default('proposed'),
    limit: z.coerce
      .number({ message: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be ≥ 1')
      .max(200, 'limit must be ≤ 200')
      .default(50),
    cursor: z.coerce
      .number({ message: 'cursor must be a number' })
      .int('cursor must be a whole number')
      .min(1, 'cursor must be ≥ 1')
      .optional(),
  })
  .strict();
