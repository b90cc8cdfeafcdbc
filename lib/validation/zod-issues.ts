import type { z } from 'zod';
import type { ErrorIssue } from '@/lib/errors';

/** Flatten zod issues into `{ path, message }` pairs that name the field; each unknown field of a strict object is named too. */
export function toIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: [...i.path, k].join('.'), message: 'unknown field' }))
      : [{ path: i.path.length ? i.path.join('.') : undefined, message: i.message }],
  );
}

export function describeIssues(issues: ErrorIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
