import { z } from 'zod';
import { REPORT_STATUSES } from '@/lib/intake/report-types';
import { isRegionId } from '@/lib/taxonomy/regions';
import { parseInstant, isIsoDate } from '@/lib/time/zone';

/**
 * What the reports routes parse: the paste body of POST /api/reports and the queue's query of
 * GET /api/reports. Shared with the OpenAPI document and the triage page.
 */

export const MAX_REPORT_TEXT = 50_000;
export const MAX_REPORT_LIMIT = 200;
export const DEFAULT_REPORT_LIMIT = 50;

const optText = (max: number) =>
  z
    .string({ message: 'must be a string' })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => v || null);

function isHttpUrl(u: string): boolean {
  try {
    const p = new URL(u).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}

/** A report as an analyst pastes it (an empty optional field, as a form sends it, counts as absent): a press release, a message or an article. */
export const reportPasteSchema = z
  .object({
    text: z
      .string({ message: 'is required: the report text' })
      .max(MAX_REPORT_TEXT, `must be at most ${MAX_REPORT_TEXT} characters`)
      .refine((t) => t.trim().length > 0, 'must not be empty'),
    title: optText(500),
    url: optText(2000).refine((u) => u === null || isHttpUrl(u), 'must be an http or https URL'),
    publishedAt: optText(40).refine((d) => d === null || isIsoDate(d) || parseInstant(d) !== null, {
      message: 'must be an ISO date (YYYY-MM-DD) or an ISO instant with offset (2025-10-08T05:10:00Z)',
    }),
    sourceName: optText(200),
  })
  .strict();
export type ReportPaste = z.output<typeof reportPasteSchema>;

/** The opaque page cursor: the last id of the page, encoded so clients do not build their own. */
export function encodeReportCursor(id: number): string {
  return `r${id.toString(36)}`;
}

export function decodeReportCursor(cursor: string): number | null {
  const m = /^r([0-9a-z]{1,11})$/.exec(cursor);
  if (!m) return null;
  const id = parseInt(m[1], 36);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export const reportListQuery = z
  .object({
    status: z.enum(REPORT_STATUSES, { message: `status must be one of ${REPORT_STATUSES.join(', ')}` }).optional(),
    sourceId: z.coerce
      .number({ message: 'sourceId must be a number' })
      .int('sourceId must be a positive integer')
      .min(1, 'sourceId must be a positive integer')
      .max(Number.MAX_SAFE_INTEGER)
      .optional(),
    region: z
      .string()
      .refine((r) => isRegionId(r) || r === 'none', { message: 'region must be one of kp, balochistan, barmal, tajikistan, none' })
      .optional(),
    q: z
      .string()
      .trim()
      .max(200, 'q must be at most 200 characters')
      .optional()
      .meta({ description: 'Words that must all occur in the title or the text (case-insensitive, matched as typed).' }),
    limit: z.coerce
      .number({ message: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(0, 'limit must be ≥ 0')
      .max(MAX_REPORT_LIMIT, `limit must be ≤ ${MAX_REPORT_LIMIT}`)
      .default(DEFAULT_REPORT_LIMIT),
    cursor: z
      .string()
      .max(20)
      .refine((c) => decodeReportCursor(c) !== null, { message: 'cursor must be the nextCursor of a previous page' })
      .optional(),
  })
  .strict();
export type ReportListQuery = z.output<typeof reportListQuery>;
export const REPORT_LIST_PARAM_NAMES = ['status', 'sourceId', 'region', 'q', 'limit', 'cursor'] as const;
