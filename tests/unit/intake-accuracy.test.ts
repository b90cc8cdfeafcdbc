/**
 * The accuracy floors (issue 18), held by the extraction the product runs (`extractReport`)
 * over the labelled set and the held-out set together. "Right" is defined once, in
 * tests/support/intake-scoring.ts; `npx tsx bench/intake-accuracy.ts --misses` prints the table
 * per set and the reports behind each miss.
 */
import { describe, expect, it } from 'vitest';
import { HELDOUT_REPORTS, LABELLED_REPORTS } from '../fixtures/intake/reports';
import { accuracy, extractLabelled, notIncidentRight } from '../support/intake-scoring';

const ALL = [...LABELLED_REPORTS, ...HELDOUT_REPORTS];
const rows = accuracy(ALL);

describe('intake extraction accuracy on the labelled and held-out sets', () => {
  it('scores enough reports of both kinds to mean something', () => {
    expect(ALL.filter((r) => r.expect.isIncident).length).toBeGreaterThanOrEqual(100);
    expect(ALL.filter((r) => !r.expect.isIncident).length).toBeGreaterThanOrEqual(20);
  });

  it.each(rows.filter((r) => r.target !== null).map((r) => [r.field, r] as const))('%s meets its floor', (_field, row) => {
    // The message lists the misses, so a failing run says which reports to study.
    expect(row.right / row.of, `${row.right}/${row.of}; misses: ${row.misses.join(' ')}`).toBeGreaterThanOrEqual(row.target!);
  });

  it('flags every report that is no incident and invents nothing in its draft', () => {
    for (const r of ALL.filter((x) => !x.expect.isIncident)) {
      const scored = extractLabelled(r);
      expect(notIncidentRight(scored), r.id).toBe(true);
      expect(scored.got.draft.occurredAt, r.id).toBeNull();
      expect(scored.got.claims, r.id).toEqual([]);
    }
  });
});
