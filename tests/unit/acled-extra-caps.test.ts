import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { ACLED_EXTRA_LIMITS } from '@/lib/acled/columns';
import { forEachCsvRecord } from '@/lib/csv/parse';
import { rowValidator } from '@/lib/import/validate-rows';
import { GroupMatcher } from '@/lib/taxonomy/groups';
import { acledRow, type AcledRow } from '../support/api-acled';

/** Validates an ACLED file as every import path does (same reader options, same per-row checks). */
function validate(rows: AcledRow[]) {
  const header = Object.keys(rows[0]);
  const csv = stringify([header, ...rows.map((r) => header.map((h) => r[h] ?? ''))]);
  const v = rowValidator(new GroupMatcher(), { format: 'acled', timeZone: 'Asia/Karachi' });
  const { errors } = forEachCsvRecord(csv, v.tableOptions, v.onRecord);
  return v.finish(errors);
}

describe('ACLED columns beyond the modelled ones are bounded like the modelled ones', () => {
  it('keeps extra cells up to the cap and refuses a longer one, naming row and column', () => {
    const ok = validate([
      acledRow({ tags: 'x'.repeat(ACLED_EXTRA_LIMITS.cellChars), my_column: 'y'.repeat(ACLED_EXTRA_LIMITS.cellChars) }),
    ]);
    expect(ok.errors).toEqual([]);
    expect(JSON.parse(ok.rows[0].content.acledExtra!)).toMatchObject({ my_column: 'y'.repeat(ACLED_EXTRA_LIMITS.cellChars) });
    const tooLong = 'z'.repeat(ACLED_EXTRA_LIMITS.cellChars + 1);
    for (const over of [{ tags: tooLong }, { my_column: tooLong }, { assoc_actor_2: tooLong }]) {
      const r = validate([acledRow({ my_column: '', ...over })]);
      expect(r.rows).toEqual([]);
      expect(r.errors).toEqual([
        { row: 2, column: Object.keys(over)[0], message: `must be at most ${ACLED_EXTRA_LIMITS.cellChars} characters` },
      ]);
    }
  });

  it('refuses an over-long column name and too many extra columns once, at the header', () => {
    const longName = 'n'.repeat(ACLED_EXTRA_LIMITS.nameChars + 1);
    const named = validate([acledRow({ [longName]: 'v' })]);
    expect(named.errors).toEqual([
      {
        row: 1,
        column: `${longName.slice(0, ACLED_EXTRA_LIMITS.nameChars)}…`,
        message: `column name is longer than ${ACLED_EXTRA_LIMITS.nameChars} characters`,
      },
    ]);
    const many = Object.fromEntries(Array.from({ length: ACLED_EXTRA_LIMITS.columns + 1 }, (_, i) => [`extra_${i}`, 'v']));
    const wide = validate([acledRow(many), acledRow({ ...many, event_id_cnty: 'PAK1002' })]);
    expect(wide.errors).toEqual([
      {
        row: 1,
        column: '',
        message: `has ${ACLED_EXTRA_LIMITS.columns + 1} columns besides the known ones; at most ${ACLED_EXTRA_LIMITS.columns} are kept`,
      },
    ]);
    const exact = Object.fromEntries(Object.entries(many).slice(1));
    expect(validate([acledRow(exact)]).errors).toEqual([]);
  });
});
