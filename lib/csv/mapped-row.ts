import type { z } from 'zod';
import { incidentInputSchema, type IncidentInput } from '@/lib/incidents/input';
import { quickIncidentInput } from '@/lib/incidents/input-fast';

/** A CSV row mapped to native incident input, before schema validation. */
export interface MappedRow {
  input: Record<string, unknown>;
  /** Columns kept verbatim (ACLED columns we do not model) as the JSON object text stored (`acled_extra`), or null. */
  extra: string | null;
  /** Cell-level problems found while mapping (e.g. a number that is not one). */
  errors: { column: string; message: string }[];
  /** Input field → the CSV column it came from, to name columns in schema errors. */
  columns: Record<string, string>;
  /** Kind for a group created from this row when the mapping knows better than the name (civilians, rioters → 'other'). */
  newGroupKind?: 'other';
}

/** Reads a numeric cell; empty → undefined, garbage → an error naming the column. */
export function cellNumber(values: Record<string, string>, column: string, errors: MappedRow['errors']): number | undefined {
  return numberCell(values[column]?.trim(), column, errors);
}

/** cellNumber of a trimmed cell's text. */
export function numberCell(raw: string | undefined, column: string, errors: MappedRow['errors']): number | undefined {
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    errors.push({ column, message: `"${raw.slice(0, 40)}" is not a number` });
    return undefined;
  }
  return n;
}

/** Validates a mapped row with the native input schema (fast path first); issues are reported against CSV column names. */
export function validateMapped(mapped: MappedRow): { input: IncidentInput } | { errors: { column: string; message: string }[] } {
  if (mapped.errors.length) return { errors: mapped.errors };
  const quick = quickIncidentInput(mapped.input);
  if (quick) return { input: quick };
  const r = incidentInputSchema.safeParse(mapped.input);
  if (r.success) return { input: r.data };
  return { errors: r.error.issues.map((i: z.core.$ZodIssue) => ({ column: columnFor(mapped.columns, i.path), message: i.message })) };
}

function columnFor(columns: Record<string, string>, path: PropertyKey[]): string {
  const key = path.map(String).join('.');
  return columns[key] ?? columns[String(path[0])] ?? key;
}
