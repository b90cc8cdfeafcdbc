import { z } from 'zod';
import { incidentFilterSchema } from '@/lib/validation/incident-filter';
import { weekProblem } from './week';

/** Query parameters of the weekly report endpoints and pages (same group/region/source as the incident filter). */
export const WEEKLY_PARAM_NAMES = ['week', 'group', 'region', 'source', 'format'] as const;

export const weekParam = z
  .string()
  .max(20, 'must be an ISO week like 2024-W50')
  .superRefine((s, ctx) => {
    const problem = weekProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const weeklyParamsSchema = z
  .object({
    week: weekParam.optional(),
    group: incidentFilterSchema.shape.group,
    region: incidentFilterSchema.shape.region,
    source: incidentFilterSchema.shape.source,
  })
  .strict();

export const weeklyExportParamsSchema = weeklyParamsSchema.extend({
  format: z.enum(['csv', 'md'], { message: 'format must be csv or md' }).default('csv'),
});

export type WeeklyParams = z.output<typeof weeklyParamsSchema>;

/** Collects repeated or comma-separated values like the incident filter does; empty values are absent. */
export function weeklyParamsFromSearch(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) {
    if (value === '') continue;
    out[key] = key in out ? `${out[key]},${value}` : value;
  }
  return out;
}
