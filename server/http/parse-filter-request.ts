import 'server-only';
import type { z } from 'zod';
import { AppError } from '@/lib/errors';
import { parseOr400 } from '@/server/http/respond';
import { filterParamsFromSearch, unknownParams } from '@/lib/validation/incident-filter';

/** Parses a route's query string with the shared filter schema; unknown parameters are a 400 naming them. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S, allowed: readonly string[]): z.output<S> {
  const params = new URL(req.url).searchParams;
  const unknown = unknownParams(params, allowed);
  if (unknown.length) {
    throw new AppError(
      'bad_request',
      `Unknown parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      unknown.map((u) => ({ path: u, message: 'unknown parameter' })),
    );
  }
  return parseOr400(schema, filterParamsFromSearch(params, allowed), 'filter');
}
