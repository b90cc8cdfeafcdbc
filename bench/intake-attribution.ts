/**
 * `npx tsx bench/intake-attribution.ts`: per-call time of the intake's group attribution, date
 * resolution and cross-border cues on a 3 KB wire report (target: each under 1 ms), and on a
 * 50 000-character report with no full stop, the largest a report may be, to show they stay linear.
 */
import { attribution } from '@/lib/intake/groups';
import { resolveDate } from '@/lib/intake/dates';
import { crossBorder } from '@/lib/intake/cross-border';

const LEAD =
  'Three soldiers martyred as terrorists attack check post in Lakki Marwat\n' +
  'LAKKI MARWAT: Three soldiers were martyred and two others injured when terrorists of Fitna al-Khawarij attacked a check post ' +
  'in the Lakki Marwat district late on Tuesday night, the ISPR said. The banned TTP claimed responsibility for the attack in a ' +
  'statement, while security sources said the attackers had infiltrated from Afghanistan. ';
const FILLER =
  'Police said the area was cordoned off and a search operation was launched. The TTP ended its ceasefire with the government in ' +
  'November 2022 and has since stepped up attacks in Khyber Pakhtunkhwa. Islamabad has repeatedly urged Kabul not to let Afghan ' +
  'soil be used for attacks on Pakistan. The funeral prayers of the soldiers will be offered on Thursday in Bannu cantonment. ';

function report(chars: number): string {
  let t = LEAD;
  while (t.length < chars) t += FILLER;
  return t.slice(0, chars);
}

function measure(name: string, text: string, runs: number, fn: (t: string) => unknown): void {
  for (let i = 0; i < 50; i++) fn(text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3);
  console.log(`${name.padEnd(34)} ${String(text.length).padStart(6)} chars  p50 ${p(0.5)} ms  p95 ${p(0.95)} ms`);
}

const PUB = '2026-12-03T04:30:00Z';
for (const [label, text, runs] of [
  ['3 KB report', report(3_000), 2_000],
  ['50 000 chars, no full stop', report(50_000).replace(/\./g, ','), 50],
] as const) {
  measure(`attribution (${label})`, text, runs, attribution);
  measure(`resolveDate (${label})`, text, runs, (t) => resolveDate(t, PUB, 'Asia/Karachi'));
  measure(`crossBorder (${label})`, text, runs, (t) => crossBorder(t, { country: 'PK' }));
}
