import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/incidents/route';
import { getDb } from '@/db/client';
import { openDatabase } from '@/db/connection';
import { getIncident } from '@/db/queries/incidents';
import { installWriterThread, WriterThread, writerThreadFor } from '@/server/writer/writer-thread';
import { incidentInputSchema } from '@/lib/incidents/input';
import { onOutboxAppended } from '@/db/outbox-signal';
import { resetEnvCache } from '@/lib/env';
import { log } from '@/server/log.mjs';
import { postJson, useTempDb, type TempDb } from '../support/api-db';
import { incidentBody } from '../support/api-factory';

let t: TempDb;
let thread: WriterThread;
const scratch = mkdtempSync(join(tmpdir(), 'fw-writer-'));

beforeAll(async () => {
  process.env.WRITE_RATE_LIMIT_PER_MINUTE = '100000';
  t = await useTempDb();
  getDb(); // the route's connection, as the server opens it before the thread
  const started = await WriterThread.start({ dbPath: t.path });
  expect(started).not.toBeNull();
  thread = started!;
  installWriterThread(thread);
}, 30_000);
afterAll(async () => {
  thread.closeSync();
  delete process.env.WRITE_RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
  await t.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('writer thread (POST /api/incidents in the production server)', () => {
  it('stores a POST on its own connection: same answer, audit and live wake-up as on the request thread', async () => {
    let woken = 0;
    const off = onOutboxAppended(() => woken++);
    const before = thread.answered;
    const res = await POST(postJson('/api/incidents', incidentBody({ sourceId: 'wt-1', notes: 'Writer thread probe' }), t.analyst));
    off();
    expect(res.status).toBe(201);
    const item = (await res.json()) as { id: number; sourceId: string };
    expect(thread.answered).toBe(before + 1);
    expect(res.headers.get('location')).toBe(`/api/incidents/${item.id}`);
    expect(item).toEqual(JSON.parse(JSON.stringify(await getIncident(t.db, item.id))));
    const audit = t.db.$client
      .prepare("SELECT actor, action FROM audit_log WHERE entity = 'incident' AND entity_id = ?")
      .all(String(item.id));
    expect(audit).toEqual([{ actor: expect.stringMatching(/^token:\d+$/), action: 'create' }]);
    expect(woken).toBeGreaterThan(0);

    // The same source + sourceId is an upsert: 200, same row.
    const again = await POST(postJson('/api/incidents', incidentBody({ sourceId: 'wt-1', notes: 'Writer thread probe' }), t.analyst));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: number }).id).toBe(item.id);
  });

  it('groups concurrent writes into shared commits, each answered with its own row', async () => {
    const observer = openDatabase(t.path);
    const version = () => observer.$client.pragma('data_version', { simple: true }) as number;
    const v0 = version();
    const input = (i: number) => incidentInputSchema.parse(incidentBody({ sourceId: `wt-g-${i}` }));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => thread.save(input(i), { timeZone: 'Asia/Karachi', actor: 'test' })),
    );
    expect(new Set(results.map((r) => r.item.id)).size).toBe(40);
    expect(results.every((r) => r.created)).toBe(true);
    expect(results.map((r) => r.item.sourceId)).toEqual(Array.from({ length: 40 }, (_, i) => `wt-g-${i}`));
    const commits = version() - v0;
    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThan(40);
    observer.$client.close();
  });

  it('a write that fails in the thread rejects with its message and SQLite code; the others commit', async () => {
    t.db.$client.exec(
      "CREATE TRIGGER wt_boom BEFORE INSERT ON incidents WHEN NEW.notes = 'boom' BEGIN SELECT RAISE(ABORT, 'boom refused'); END",
    );
    try {
      const ok = thread.save(incidentInputSchema.parse(incidentBody({ sourceId: 'wt-ok' })), { timeZone: 'Asia/Karachi' });
      const bad = thread.save(incidentInputSchema.parse(incidentBody({ sourceId: 'wt-bad', notes: 'boom' })), { timeZone: 'Asia/Karachi' });
      await expect(bad).rejects.toMatchObject({ message: 'boom refused', code: 'SQLITE_CONSTRAINT_TRIGGER' });
      expect((await ok).created).toBe(true);
      // Through the route it is the usual logged 500, not a hang or a crash.
      const res = await POST(postJson('/api/incidents', incidentBody({ sourceId: 'wt-bad-2', notes: 'boom' }), t.analyst));
      expect(res.status).toBe(500);
      expect(t.db.$client.prepare("SELECT count(*) FROM incidents WHERE source_id LIKE 'wt-bad%'").pluck().get()).toBe(0);
    } finally {
      t.db.$client.exec('DROP TRIGGER wt_boom');
    }
  });

  it('serves only its own database file', () => {
    expect(writerThreadFor(getDb())).toBe(thread);
    const other = openDatabase(join(scratch, 'other.db'));
    expect(writerThreadFor(other)).toBeNull();
    other.$client.close();
  });

  it('does not start without its sources or with a database it cannot open, and says why', async () => {
    const errors: string[] = [];
    // The reason is the logged line's `why` field, after its message.
    const spy = vi
      .spyOn(log, 'error')
      .mockImplementation(((fields: { why?: string }, msg: string) => void errors.push(`${msg} (${fields.why})`)) as never);
    try {
      expect(await WriterThread.start({ dbPath: t.path, projectDir: scratch })).toBeNull();
      expect(errors.at(-1)).toMatch(/writer-worker\.ts is missing/);
      expect(await WriterThread.start({ dbPath: ':memory:' })).toBeNull();
      expect(errors.at(-1)).toMatch(/in-memory database/);
      const file = join(scratch, 'not-a-dir');
      writeFileSync(file, '');
      expect(await WriterThread.start({ dbPath: join(file, 'x.db') })).toBeNull();
      expect(errors.at(-1)).toMatch(/no writer thread.*\(Error: .*not-a-dir/s);
    } finally {
      spy.mockRestore();
    }
  }, 30_000);

  it('after closeSync, writes run on the request thread again', async () => {
    const other = await WriterThread.start({ dbPath: t.path });
    expect(other!.closeSync()).toBe(true);
    await expect(other!.save(incidentInputSchema.parse(incidentBody()), { timeZone: 'Asia/Karachi' })).rejects.toThrow(/stopped/);
    // The installed thread: closed, then POST still works (on this thread's connection).
    const answered = thread.answered;
    expect(thread.closeSync()).toBe(true);
    expect(writerThreadFor(getDb())).toBeNull();
    const res = await POST(postJson('/api/incidents', incidentBody({ sourceId: 'wt-after-close' }), t.analyst));
    expect(res.status).toBe(201);
    expect(thread.answered).toBe(answered);
  }, 30_000);
});
