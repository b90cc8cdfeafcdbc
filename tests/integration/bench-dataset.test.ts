import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAcledCsv } from '@/bench/data/acled-generator';
import { createTemplate, importParts } from '@/bench/data/dataset';
import { openDatabase } from '@/db/connection';
import { aggregate, metric } from '@/bench/lib/metric';
import { percentile } from '@/bench/lib/stats';
import { benchRuleBodies } from '@/bench/lib/rules';

const dir = mkdtempSync(join(tmpdir(), 'fw-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench data set', () => {
  it('is byte-identical for the same count and seed, and differs for another seed', () => {
    const [a] = generateAcledCsv((i) => join(dir, `a-${i}.csv`), 2000, 7);
    const [b] = generateAcledCsv((i) => join(dir, `b-${i}.csv`), 2000, 7);
    const [c] = generateAcledCsv((i) => join(dir, `c-${i}.csv`), 2000, 8);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(readFileSync(a, 'utf8')).not.toBe(readFileSync(c, 'utf8'));
  });

  it('loads through the product import with the skew the issue asks for', async () => {
    const parts = generateAcledCsv((i) => join(dir, `load-${i}.csv`), 3000, 11);
    const path = join(dir, 'load.db');
    await createTemplate(path);
    expect((await importParts(parts, path)).inserted).toBe(3000);
    const db = openDatabase(path);
    const share = (sql: string) => (db.$client.prepare(sql).pluck().get() as number) / 3000;
    expect(share(`SELECT count(*) FROM incidents WHERE region IN ('kp', 'balochistan')`)).toBeGreaterThan(0.8);
    const top = db.$client.prepare('SELECT group_id FROM incidents GROUP BY group_id ORDER BY count(*) DESC LIMIT 1').pluck().get();
    expect(top).toBe('ttp');
    expect(db.$client.prepare('SELECT count(*) FROM alert_rules WHERE enabled = 1').pluck().get()).toBe(200);
    db.$client.close();
  });
});

describe('bench rules', () => {
  it('hold every rule kind with every scope: global, a region and a group', () => {
    const scopeOf = (scope: Record<string, unknown>) => (scope.region ? 'region' : scope.group ? 'group' : 'global');
    const pairs = new Set(benchRuleBodies(200, [1, 2]).map((r) => `${r.kind as string} ${scopeOf(r.scope as Record<string, unknown>)}`));
    expect(pairs.size).toBe(6 * 3);
  });
});

describe('bench statistics', () => {
  it('takes nearest-rank percentiles and medians of runs, and judges targets by direction', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
    const [m] = aggregate([
      [metric('s', 'x', 'ms', 30, 'max', 25)],
      [metric('s', 'x', 'ms', 10, 'max', 25)],
      [metric('s', 'x', 'ms', 20, 'max', 25)],
    ]);
    expect(m.value).toBe(20);
    expect(m.passed).toBe(true);
    const [r] = aggregate([[metric('s', 'rate', '/s', 100, 'min', 500)]]);
    expect(r.passed).toBe(false);
  });
});
