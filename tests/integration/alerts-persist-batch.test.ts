import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '@/db/connection';
import { persistFiring, persistFirings, storeFirings, type DueFiring } from '@/db/services/alert-fire';
import { createRule } from '@/db/services/alert-rule-store';
import { loadRuleSet } from '@/db/services/alert-rule-cache';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import type { Firing } from '@/lib/alerts/types';
import { log } from '@/server/log.mjs';
import { seedIncidents, tempDb } from './map-fixtures';

const NOW = Date.UTC(2026, 10, 25, 12);
let path: string;
let seed: Db;
let due: DueFiring[];
const open: Db[] = [];

/** A copy of the seeded database, so each way of storing starts from the same rows. */
function copy(name: string): Db {
  seed.$client.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(path, `${path}.${name}`);
  const db = openDatabase(`${path}.${name}`);
  open.push(db);
  return db;
}

const TABLES = {
  alerts: 'SELECT * FROM alerts ORDER BY id',
  links: 'SELECT * FROM alert_incidents ORDER BY rowid',
  events: 'SELECT * FROM events ORDER BY seq',
  webhooks: 'SELECT * FROM webhook_deliveries ORDER BY id',
};
const dump = (db: Db) => Object.fromEntries(Object.entries(TABLES).map(([k, sql]) => [k, db.$client.prepare(sql).all()]));
const firing = (
  ruleId: number,
  dedupeKey: string,
  incidentIds: number[],
  details: Record<string, unknown> = { n: incidentIds.length },
): Firing => ({
  ruleId,
  dedupeKey,
  incidentIds,
  summary: `rule ${ruleId}: ${dedupeKey} «${incidentIds.join(', ')}»`,
  details,
  at: NOW,
});

beforeAll(async () => {
  ({ db: seed, path } = tempDb());
  const ids = seedIncidents(seed, 6, { start: '2026-11-20' });
  const make = async (name: string, extra: Record<string, unknown> = {}) =>
    (
      await createRule(
        seed,
        ruleCreateSchema.parse({ name, severity: 'critical', kind: 'mass-casualty', params: { killed: 1 }, ...extra }),
        NOW - 1000,
      )
    ).id;
  const plain = await make('plain');
  const hooked = await make('hooked', { webhookUrl: 'https://example.test/hook' });
  const other = await make('other', { severity: 'info' });
  const rules = new Map(loadRuleSet(seed).rules.map((c) => [c.rule.id, c.rule]));
  // An alert that already exists: firing it again is a duplicate.
  persistFiring(seed, rules.get(other)!, firing(other, 'incident:old', [ids[0]]), NOW - 60_000);
  due = [
    { rule: rules.get(plain)!, firing: firing(plain, `incident:${ids[1]}`, [ids[1]]) },
    {
      rule: rules.get(hooked)!,
      firing: firing(hooked, 'window:1', [ids[2], ids[3], ids[2], ids[4]], { observed: 3, note: 'quote " and \\ and ünïcode' }),
    },
    { rule: rules.get(other)!, firing: firing(other, 'incident:old', [ids[0]]) },
    { rule: rules.get(plain)!, firing: firing(plain, `incident:${ids[1]}`, [ids[1]]) },
    { rule: rules.get(other)!, firing: firing(other, `incident:${ids[5]}`, [ids[5], ids[4]]) },
    { rule: rules.get(hooked)!, firing: firing(hooked, `incident:${ids[5]}`, []) },
  ];
});
afterAll(() => {
  for (const db of [...open, seed]) db.$client.close();
});

describe('storing the firings of one evaluation together', () => {
  it('stores the same alerts, links, outbox rows and webhook deliveries as storing them one by one', () => {
    const oneByOne = copy('one');
    const expected = oneByOne.$client.transaction(() => due.map(({ rule, firing }) => persistFiring(oneByOne, rule, firing, NOW)))();
    const together = copy('together');
    const ids = together.$client.transaction(() => persistFirings(together, due, NOW))();
    expect(ids).toEqual(expected);
    expect(ids.filter((id) => id === null)).toHaveLength(2);
    expect(dump(together)).toEqual(dump(oneByOne));
  });

  it('falls back to one savepoint per firing when the batch fails: only the failing rule loses its remaining firings', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad = [...due.slice(0, 2), { ...due[4], firing: { ...due[4].firing, details: cyclic } }, due[5]];
    const db = copy('fallback');
    const error = vi.spyOn(log, 'error').mockImplementation(() => {});
    const fired = db.$client.transaction(() => storeFirings(db, bad, NOW))();
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
    const expectedDb = copy('fallback-expected');
    const expected = expectedDb.$client.transaction(() =>
      [0, 1, 3].map((i) => persistFiring(expectedDb, bad[i].rule, bad[i].firing, NOW)),
    )();
    expect(fired).toEqual(expected);
    expect(dump(db)).toEqual(dump(expectedDb));
  });
});
