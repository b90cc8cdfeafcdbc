import { z } from 'zod';
import { parseInstant, isIsoDate } from '@/lib/time/zone';
import { DATE_TIME_HINT, parseCalendarText } from '@/lib/time/calendar-text';

/**
 * A bound as the API takes it (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`, an ISO instant) or as the audit
 * page's date field shows it without JavaScript ("5 Dec 2026", "5 Dec 2026 14:30"): the
 * display forms are rewritten to the ISO ones, so a date alone still means the whole UTC day.
 */
const when = z
  .string()
  .trim()
  .max(40)
  .transform((s, ctx) => {
    if (isIsoDate(s) || parseInstant(s) !== null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s)) return s;
    const day = parseCalendarText(s, false);
    if (day.ok) return day.value;
    const timed = parseCalendarText(s, true);
    if (timed.ok) return timed.value;
    ctx.addIssue({ code: 'custom', message: `must be ${DATE_TIME_HINT}, or a date alone (YYYY-MM-DD)` });
    return z.NEVER;
  });

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Filters for the audit trail: the admin page's search params and the history API. */
export const auditFilterSchema = z.object({
  actor: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  action: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  entity: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  entityId: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  from: z.preprocess(blankToUndefined, when.optional()),
  to: z.preprocess(blankToUndefined, when.optional()),
  /** Id of the last row of the previous page (rows come newest first). */
  cursor: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(500).default(100)),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

/** Date-only bounds are UTC days: `from` is the start of that day, `to` includes the whole day. */
export function auditBound(value: string | undefined, end: boolean): number | undefined {
  if (!value) return undefined;
  if (isIsoDate(value)) return Date.parse(`${value}T00:00:00Z`) + (end ? 86_400_000 : 0);
  const instant = parseInstant(value);
  if (instant !== null) return instant;
  const local = Date.parse(`${value}:00Z`);
  return Number.isFinite(local) ? local : undefined;
}
