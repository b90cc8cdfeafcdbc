import type { z } from 'zod';
import type { ErrorIssue } from '@/lib/errors';

/** Flatten zod issues into `{ path, message }` pairs that name the field. */
export function toIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({
    path: i.path.length ? i.path.join('.') : undefined,
    message: i.message,
  }));
}

export function describeIssues(issues: ErrorIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
