import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Db } from '@/db/connection';
import { IMPORT_LIMIT_BYTES, importCacheKiB, importCsv, importCsvFiles } from '@/server/import/import';
import { ImportFeed, PIPELINE_MIN_CHARS } from '@/server/import/import-pipeline';
import { acledCsv, dumpStore, importDbs, revised, TZ, variedAcled } from '../support/import-oracle';
import { acledRow } from '../support/api-acled';

const dbs = importDbs();
const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  dbs.cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const opts = { format: 'acled' as const, timeZone: TZ, now: 1_000 };
const count = (db: Db, table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Writes each CSV text to its own file (part-1.csv, …) and returns the paths. */
function files(...texts: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'fw-files-'));
  dirs.push(dir);
  return texts.map((text, i) => {
    const path = join(dir, `part-${i + 1}.csv`);
    writeFileSync(path, text);
    return path;
  });
}

// A new group in part 1 ("ZQF: Zarghun Qala Front") that part 2 names by its abbreviation alone:
// part 2 maps to that group only if it is read with the groups part 1 added.
// Long notes: the parts together pass PIPELINE_MIN_CHARS, so the worker reads them.
const rows = variedAcled(6000).map((r, i) => ({
  ...r,
  notes: `${r.notes} ${'Witnesses described the scene at length. '.repeat(7 + (i % 3))}`,
}));
const part1 = acledCsv([
  ...rows.slice(0, 3000),
  acledRow({ event_id_cnty: 'ZQF-1', actor1: 'ZQF: Zarghun Qala Front', inter1: 'Rebel group' }),
]);
const part2 = acledCsv([
  ...revised(rows.slice(0, 1500)),
  ...rows.slice(3000),
  acledRow({ event_id_cnty: 'ZQF-2', actor1: 'ZQF', inter1: 'Rebel group' }),
]);
const part3 = acledCsv(variedAcled(50, 9000));

describe('importCsvFiles (npm run import -- FILE…)', () => {
  it('stores exactly what importing the files one by one stores, reading each next file during the previous commit', async () => {
    const paths = files(part1, part2, part3);
    expect(paths.reduce((n, p) => n + statSync(p).size, 0)).toBeGreaterThan(PIPELINE_MIN_CHARS);
    const [multi, single] = [dbs.fresh(), dbs.fresh()];
    const start = vi.spyOn(ImportFeed, 'start');
    const submittedInTransaction: boolean[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this), its own receiver
    const submit = ImportFeed.prototype.submit;
    vi.spyOn(ImportFeed.prototype, 'submit').mockImplementation(function (this: ImportFeed, job) {
      submittedInTransaction.push(multi.$client.inTransaction);
      return submit.call(this, job);
    });
    const reports = await importCsvFiles(multi, paths, opts);
    expect(start).toHaveBeenCalledTimes(1);
    // Part 1 went to the worker as it started; parts 2 and 3 inside the transaction of the part before.
    expect(submittedInTransaction).toEqual([false, true, true]);
    vi.restoreAllMocks();

    const expected = [];
    for (const [i, csv] of [part1, part2, part3].entries())
      expected.push({ file: paths[i], ...(await importCsv(single, csv, { ...opts, fileName: basename(paths[i]) })) });
    expect(reports).toEqual(expected);
    expect(reports.map((r) => [r.inserted, r.updated])).toEqual([
      [3001, 0],
      [3001, expect.any(Number)],
      [50, 0],
    ]);
    expect(reports[1].updated).toBeGreaterThan(500);
    expect(dumpStore(multi)).toEqual(dumpStore(single));
    const group = (id: string) => multi.$client.prepare('SELECT group_id FROM incidents WHERE source_id = ?').pluck().get(id);
    expect([group('ZQF-1'), group('ZQF-2')]).toEqual(['zarghun-qala-front', 'zarghun-qala-front']);
    // Each batch carries its file's name and the SHA-256 of its bytes.
    const batches = multi.$client.prepare('SELECT file_name AS name, checksum FROM import_batches ORDER BY id').all();
    expect(batches).toEqual(
      paths.map((p) => ({ name: basename(p), checksum: createHash('sha256').update(readFileSync(p)).digest('hex') })),
    );
  });

  it.each([
    ['the worker', rows],
    ['this thread (small files)', variedAcled(3000)],
  ])('stops after the first file with invalid rows, read by %s: earlier files stay imported, later ones are not read', async (_, some) => {
    const bad = acledCsv([...some.slice(0, 3000), acledRow({ event_id_cnty: 'BAD-1', latitude: 123 })]);
    const paths = files(acledCsv([...some.slice(0, 3000), acledRow({ event_id_cnty: 'ZQF-1' })]), bad, part3);
    if (some === rows) expect(paths.reduce((n, p) => n + statSync(p).size, 0)).toBeGreaterThan(PIPELINE_MIN_CHARS);
    const db = dbs.fresh();
    const start = vi.spyOn(ImportFeed, 'start');
    // Each report arrives as its file is done: the first after its commit, before the next file.
    const progress: [string, number][] = [];
    const reports = await importCsvFiles(db, paths, opts, (r) => progress.push([basename(r.file), count(db, 'import_batches')]));
    expect(progress).toEqual([
      ['part-1.csv', 1],
      ['part-2.csv', 1],
    ]);
    expect(start).toHaveBeenCalledTimes(some === rows ? 1 : 0);
    expect(reports.map((r) => r.file)).toEqual(paths.slice(0, 2));
    expect(reports[0]).toMatchObject({ inserted: 3001, errors: [] });
    expect(reports[1]).toMatchObject({ inserted: 0, batchId: null });
    expect(reports[1].errors.map((e) => [e.row, e.column])).toEqual([[3002, 'latitude']]);
    expect(count(db, 'incidents')).toBe(3001);
    expect(count(db, 'import_batches')).toBe(1);
  });

  it('dry-runs every file against the database as it is, writing nothing', async () => {
    const paths = files(part1, part2);
    const db = dbs.fresh();
    const reports = await importCsvFiles(db, paths, { ...opts, dryRun: true });
    expect(reports.map((r) => [r.dryRun, r.inserted, r.batchId])).toEqual([
      [true, 3001, null],
      [true, 4501, null],
    ]);
    for (const table of ['incidents', "groups WHERE id = 'zarghun-qala-front'", 'import_batches', 'events'])
      expect(count(db, table), table).toBe(0);
  });

  it('gives a file the fast reader gives up on the csv-parse verdict, after the files before it are imported', async () => {
    const paths = files(part1, `${part3}PAK-Z,2024-01-01,"quoted" tail\n`, part2);
    const db = dbs.fresh();
    const reports = await importCsvFiles(db, paths, opts);
    expect(reports.map((r) => r.errors.length)).toEqual([0, 1]);
    expect(reports[1].errors[0].message).toMatch(/^malformed CSV/);
    expect([count(db, 'incidents'), count(db, 'import_batches')]).toEqual([3001, 1]);
  });

  it('grows the page cache once for the whole run, for its largest file, and restores it after', async () => {
    const db = dbs.fresh();
    db.$client.pragma('cache_size = -100'); // 100 KiB, so these files are large for it
    const before = db.$client.pragma('cache_size', { simple: true }) as number;
    const paths = files(acledCsv(variedAcled(100)), acledCsv(variedAcled(300, 100)), acledCsv(variedAcled(50, 400)));
    const largest = Math.max(...paths.map((p) => statSync(p).size));
    const seen: string[] = [];
    const pragma = db.$client.pragma.bind(db.$client);
    vi.spyOn(db.$client, 'pragma').mockImplementation((source: string, o?: object) => {
      if (source.startsWith('cache_size =')) seen.push(source);
      return pragma(source, o);
    });
    expect((await importCsvFiles(db, paths, opts)).map((r) => r.inserted)).toEqual([100, 300, 50]);
    expect(seen).toEqual([`cache_size = -${importCacheKiB(largest)}`, `cache_size = ${before}`]);
    expect(db.$client.pragma('cache_size', { simple: true })).toBe(before);
  });

  it('refuses every file when one is missing or over the size limit, before reading any', async () => {
    const [good, huge] = files(part1, '');
    truncateSync(huge, IMPORT_LIMIT_BYTES + 1);
    const db = dbs.fresh();
    await expect(importCsvFiles(db, [good, huge], opts)).rejects.toThrow(
      `${huge} is ${IMPORT_LIMIT_BYTES + 1} bytes; the limit is ${IMPORT_LIMIT_BYTES} bytes`,
    );
    await expect(importCsvFiles(db, [good, join(tmpdir(), 'fw-no-such-file.csv')], opts)).rejects.toThrow(/ENOENT/);
    expect(count(db, 'import_batches')).toBe(0);
  });
});
