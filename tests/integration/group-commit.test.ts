import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/incidents/route';
import { groupCommit } from '@/db/services/group-commit';
import { openDatabase, type Db } from '@/db/connection';
import { resetEnvCache } from '@/lib/env';
import { onOutboxAppended } from '@/db/outbox-signal';
import { resetRateLimits } from '@/server/security/rate-limit';
import { postJson, useTempDb, type TempDb } from '../support/api-db';
import { incidentBody } from '../support/api-factory';

let t: TempDb;
const count = (db: Db) => db.$client.prepare('SELECT count(*) FROM incidents').pluck().get() as number;

beforeAll(async () => {
  t = await useTempDb();
});
afterAll(async () => {
  delete process.env.WRITE_RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
  await t.cleanup();
});

describe('group commit', () => {
  it('runs concurrent writes in one transaction; a failing one rolls back alone', async () => {
    const db = t.db;
    db.$client.exec('CREATE TABLE gc_probe (v TEXT NOT NULL, tx INTEGER)');
    // data_version of another connection moves once per commit made by this one.
    const observer = openDatabase(t.path);
    const version = () => observer.$client.pragma('data_version', { simple: true }) as number;
    const before = version();
    const put = (v: string | null) =>
      groupCommit(db, (tx) => tx.$client.prepare('INSERT INTO gc_probe (v) VALUES (?)').run(v).lastInsertRowid);
    const results = await Promise.allSettled([put('a'), put(null), put('c'), put('d')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
    expect(db.$client.prepare('SELECT v FROM gc_probe ORDER BY rowid').pluck().all()).toEqual(['a', 'c', 'd']);
    expect(version() - before).toBe(1);
    observer.$client.close();
  });

  it('concurrent POSTs are all stored, each answered 201 with its own row, sharing commits', async () => {
    const before = count(t.db);
    const observer = openDatabase(t.path);
    const commitsBefore = observer.$client.pragma('data_version', { simple: true }) as number;
    let woken = 0;
    const off = onOutboxAppended(() => woken++);
    const bodies = Array.from({ length: 12 }, (_, i) => incidentBody({ sourceId: `gc-${i}`, killed: i }));
    const responses = await Promise.all(bodies.map((b) => POST(postJson('/api/incidents', b, t.analyst))));
    expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 201));
    const items = (await Promise.all(responses.map((r) => r.json()))) as { sourceId: string; killed: number }[];
    expect(items.map((i) => [i.sourceId, i.killed])).toEqual(bodies.map((b) => [b.sourceId, b.killed]));
    expect(count(t.db)).toBe(before + 12);
    const commits = (observer.$client.pragma('data_version', { simple: true }) as number) - commitsBefore;
    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThan(12);
    // Live streams are woken once per shared commit, as after any other write.
    expect(woken).toBe(commits);
    off();
    observer.$client.close();
  });

  it('WRITE_RATE_LIMIT_PER_MINUTE sets the per-principal write limit', async () => {
    process.env.WRITE_RATE_LIMIT_PER_MINUTE = '2';
    resetEnvCache();
    resetRateLimits();
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await POST(postJson('/api/incidents', incidentBody({ sourceId: `rl-${i}` }), t.analyst))).status);
    expect(statuses).toEqual([201, 201, 429]);
  });
});
