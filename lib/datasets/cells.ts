import type { MappedRow } from '@/lib/csv/mapped-row';

/** A cell's trimmed text; undefined when missing or blank. */
export function cell(values: Record<string, string>, k: string): string | undefined {
  return values[k]?.trim() || undefined;
}

/**
 * A whole-number code cell that must be one of `allowed`; an error naming the column otherwise.
 * Undefined when blank (the caller decides the default).
 */
export function codeCell(
  values: Record<string, string>,
  column: string,
  allowed: readonly number[],
  errors: MappedRow['errors'],
): number | undefined {
  const raw = cell(values, column);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!allowed.includes(n)) {
    errors.push({ column, message: `"${raw.slice(0, 40)}" is not one of ${allowed.join(', ')}` });
    return undefined;
  }
  return n;
}

/** The cells of `keep` that are filled, by column name, as JSON text; null when none is (stored as the row's extra columns). */
export function keptCells(values: Record<string, string>, keep: readonly string[]): string | null {
  let out: Record<string, string> | null = null;
  for (const k of keep) {
    const v = cell(values, k);
    if (v !== undefined) (out ??= {})[k] = v;
  }
  return out && JSON.stringify(out);
}

/** "Khyber Pakhtunkhwa province" → "Khyber Pakhtunkhwa": UCDP and the GTD append the admin level. */
export function adminName(name: string | undefined): string | null {
  return name ? name.replace(/\s+(province|district|agency|region|wilayat)$/i, '').trim() || null : null;
}
