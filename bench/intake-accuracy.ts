/**
 * `npx tsx bench/intake-accuracy.ts [--misses]`: the combined extraction (`extractReport`, the path
 * the product uses) against the labelled set and the held-out set, and both together: the
 * accuracy table of docs/intake.md. tests/unit/intake-accuracy.test.ts enforces the same figures.
 */
import {
  HELDOUT_LATE_REPORTS,
  HELDOUT_LEAD_REPORTS,
  HELDOUT_PROBE_REPORTS,
  HELDOUT_REPORTS,
  LABELLED_REPORTS,
  type LabelledReport,
} from '../tests/fixtures/intake/reports/index';
import { accuracy, percent } from '../tests/support/intake-scoring';

const showMisses = process.argv.includes('--misses');
const sets: [string, LabelledReport[]][] = [
  ['labelled', LABELLED_REPORTS],
  ['held-out', HELDOUT_REPORTS],
  ['of which written after tuning', [...HELDOUT_LATE_REPORTS, ...HELDOUT_PROBE_REPORTS, ...HELDOUT_LEAD_REPORTS]],
  ['fourth batch', HELDOUT_LEAD_REPORTS],
  ['both', [...LABELLED_REPORTS, ...HELDOUT_REPORTS]],
];
const tables = sets.filter(([, rs]) => rs.length).map(([name, reports]) => ({ name, reports, rows: accuracy(reports) }));
const count = (rs: LabelledReport[]) =>
  `${rs.filter((r) => r.expect.isIncident).length} incidents + ${rs.filter((r) => !r.expect.isIncident).length} not`;

console.log(`| field | ${tables.map((t) => `${t.name} (${count(t.reports)})`).join(' | ')} | target |`);
console.log(`|---|${tables.map(() => '---|').join('')}---|`);
for (let i = 0; i < tables[0].rows.length; i++) {
  const head = tables[0].rows[i];
  const cells = tables.map((t) => `${percent(t.rows[i])}%`);
  const target = head.target === null ? '—' : head.target === 1 ? 'all' : `≥ ${head.target * 100}%`;
  console.log(`| ${head.field} | ${cells.join(' | ')} | ${target} |`);
}
if (showMisses)
  for (const t of tables.slice(0, 4)) {
    console.log(`\nmisses, ${t.name}:`);
    for (const r of t.rows) if (r.misses.length) console.log(`  ${r.field}: ${r.misses.join(' ')}`);
  }
