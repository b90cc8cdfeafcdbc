import { z } from 'zod';
import { incidentInputSchema, type IncidentInput } from '@/lib/incidents/input';
import type { ReportDraft } from '@/lib/intake/report-types';
import { AppError, type ErrorIssue } from '@/lib/errors';
import { describeIssues, toIssues } from './zod-issues';

/** What an accepted report's incident is identified by; the analyst cannot choose it. */
const FIXED = new Set(['source', 'sourceId']);

/**
 * POST /api/reports/{id}/accept: any field POST /api/incidents accepts, to replace the draft's.
 * Values are checked on the merged incident (so an issue names the field whichever side it came from).
 */
export const acceptOverridesSchema = z
  .object(Object.fromEntries(Object.keys(incidentInputSchema.shape).map((k) => [k, z.unknown().optional()])))
  .strict()
  .superRefine((v, ctx) => {
    for (const k of Object.keys(v)) if (FIXED.has(k)) ctx.addIssue({ code: 'custom', path: [k], message: 'cannot be changed' });
  });

/** The overrides as the OpenAPI document shows them: the incident's fields, each optional. */
export const acceptOverridesDocSchema = z
  .object(incidentInputSchema.shape)
  .omit({ source: true, sourceId: true })
  .partial()
  .strict()
  .meta({ description: 'Draft fields to replace; the merged incident is validated like a POST /api/incidents body.' });

export const mergeBodySchema = z
  .object({
    incidentId: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be a positive id'),
    adoptFigures: z.boolean({ message: 'must be true or false' }).default(false),
  })
  .strict();
export type MergeBody = z.output<typeof mergeBodySchema>;

export const dismissBodySchema = z.object({ reason: z.string().trim().max(500, 'must be at most 500 characters').optional() }).strict();

/** The fields an incident cannot do without: a draft that leaves one null needs an override. */
const REQUIRED = ['occurredAt', 'country', 'lat', 'lon', 'eventType', 'subEventType', 'group'] as const;

/**
 * The incident a report becomes: its draft with the analyst's overrides on top, under the
 * report's own identity, validated like POST /api/incidents. A required field the text did not
 * give and the analyst did not supply is a 400 naming it.
 */
export function acceptedIncidentInput(reportId: number, draft: ReportDraft, overrides: Record<string, unknown>): IncidentInput {
  const merged: Record<string, unknown> = { ...draft, ...overrides };
  const missing: ErrorIssue[] = REQUIRED.filter((k) => merged[k] === null || merged[k] === undefined).map((k) => ({
    path: k,
    message: 'the report does not say; supply it as an override',
  }));
  if (missing.length) throw new AppError('bad_request', `Cannot accept: ${describeIssues(missing)}`, missing);
  // The draft's nulls mean "not said": absent for the schema, which fills its defaults.
  const input = Object.fromEntries(Object.entries(merged).filter(([k, v]) => v !== null && k in incidentInputSchema.shape));
  const parsed = incidentInputSchema.safeParse({ ...input, source: 'report', sourceId: `report-${reportId}` });
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    throw new AppError('bad_request', `Invalid incident: ${describeIssues(issues)}`, issues);
  }
  return parsed.data;
}
