/**
 * 100,000 stored reports for the reports scenario: the labelled set's texts (three joined, about
 * 2.5 KB, the length of a news article) with their real extraction, spread over two years, 20
 * feeds and the statuses a working queue has. Stored through the product's insertReports in
 * batches, as ingestReports stores them; extraction runs once per labelled text, not per row.
 */
import type { Db } from '@/db/connection';
import { insertReports, type NewReportRow } from '@/db/services/reports';
import { draftKey } from '@/lib/intake/event-key';
import { analysedText, extractReport } from '@/lib/intake/extract';
import { encodeFingerprint, fingerprintOf } from '@/lib/intake/fingerprint';
import { LABELLED_REPORTS } from '../../tests/fixtures/intake/reports/index';
import { Rng, cumulative } from '../lib/prng';
import { REPORT_TIME_ZONE } from './dataset';

export const BENCH_REPORTS = 100_000;
export const BENCH_FEEDS = 20;
const BATCH = 5000;
const DAY_MS = 86_400_000;
const STATUSES = ['new', 'accepted', 'merged', 'dismissed'] as const;
/** A queue analysts keep up with: most reports decided, the newest still waiting. */
const STATUS_WEIGHTS = cumulative([15, 20, 10, 55]);

interface Template {
  title: string;
  text: string;
  outlet: string;
  row: Pick<NewReportRow, 'isIncident' | 'region' | 'draft' | 'spans' | 'fingerprint'>;
}

function templates(): Template[] {
  const n = LABELLED_REPORTS.length;
  return LABELLED_REPORTS.map((r, i) => {
    const text = [r.text, LABELLED_REPORTS[(i + 37) % n].text, LABELLED_REPORTS[(i + 71) % n].text].join('\n\n');
    const input = { title: r.title, text, url: null, publishedAt: r.publishedAt, sourceName: r.outlet };
    const x = extractReport(input, { timeZone: REPORT_TIME_ZONE, receivedAt: r.publishedAt });
    const key = x.isIncident ? draftKey(x.draft) : null;
    return {
      title: r.title,
      text,
      outlet: r.outlet,
      row: {
        isIncident: x.isIncident,
        region: x.region,
        draft: JSON.stringify(x.draft),
        spans: JSON.stringify(x.spans),
        fingerprint: encodeFingerprint(fingerprintOf(analysedText(input), key)),
      },
    };
  });
}

/** Registers the feeds and stores `count` reports, oldest first; returns the feed ids. */
export async function seedReports(db: Db, count: number, seed: number, now: number): Promise<number[]> {
  const rng = new Rng(seed);
  const feeds = Array.from({ length: BENCH_FEEDS }, (_, i) =>
    Number(
      db.$client
        .prepare('INSERT INTO sources (name, url, synthetic, created_at, updated_at) VALUES (?, ?, 1, ?, ?)')
        .run(`Bench feed ${i + 1}`, `http://127.0.0.1:9/feed-${i + 1}.xml`, now, now).lastInsertRowid,
    ),
  );
  const tpl = templates();
  const span = 730 * DAY_MS;
  for (let start = 0; start < count; start += BATCH) {
    const rows: NewReportRow[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const t = tpl[rng.int(tpl.length)];
      const pasted = rng.next() < 0.1;
      rows.push({
        ...t.row,
        sourceId: pasted ? null : rng.pick(feeds),
        sourceName: t.outlet,
        itemKey: pasted ? null : `bench-${seed}-${i}`,
        url: pasted ? null : `https://news.example/${seed}/${i}`,
        title: t.title,
        text: t.text,
        publishedAt: now - span + Math.floor((i / count) * span),
        duplicateOf: null,
        candidates: '[]',
      });
    }
    await insertReports(db, rows, now);
    // Decisions are the decide part's; here the statuses are set directly, as a worked queue has
    // them: the newest 2% all new, the rest mostly decided.
    const update = db.$client.prepare('UPDATE reports SET status = ? WHERE id = ?');
    const first = (db.$client.prepare('SELECT max(id) FROM reports').pluck().get() as number) - rows.length + 1;
    db.$client.transaction(() => {
      rows.forEach((_, j) => {
        const s = count - (start + j) <= 0.02 * count ? 'new' : STATUSES[rng.weighted(STATUS_WEIGHTS)];
        if (s !== 'new') update.run(s, first + j);
      });
    })();
  }
  return feeds;
}
