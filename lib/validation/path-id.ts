import { z } from 'zod';
import { AppError } from '@/lib/errors';

/** A route's `[id]` segment: a positive whole number that fits a JavaScript number exactly. */
export const pathIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'must be a positive integer')
  .transform(Number)
  .refine(Number.isSafeInteger, 'must be a positive integer');

/**
 * The one parser of every route's `[id]`: a malformed id is a 400 naming `id` (it is a bad
 * request, not a missing resource); a well-formed id that names nothing is the caller's 404.
 */
export function parsePathId(raw: string): number {
  const r = pathIdSchema.safeParse(raw);
  if (!r.success)
    throw new AppError('bad_request', 'id must be a positive integer', [{ path: 'id', message: 'must be a positive integer' }]);
  return r.data;
}
