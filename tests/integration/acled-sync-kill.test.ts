// @engines sqlite postgres
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { incidents, meta } from '@/db/schema';
import type { Store } from '@/db/store';
import { createSource } from '@/db/services/sources';
import { getSource } from '@/db/queries/sources';
import { resetEnvCache } from '@/lib/env';
import { pollSource } from '@/server/intake/poll-source';
import { openTestStore, type TestStore } from '../support/engine';
import { AcledStandin, standinSourceInput } from '../support/acled-standin';
import { syntheticAcled } from '../support/api-acled';

// kill -9 of `npm run intake` in the middle of an ACLED backfill: the restarted sync resumes from
// the last committed page, and the database ends as an uninterrupted sync leaves it. The pages are
// ACLED's real size (5,000 rows), so the CLI runs exactly as in production.
const KEY = randomBytes(32).toString('hex');
const ROWS = 12_000; // pages of 5,000, 5,000 and 2,000
let api: AcledStandin;
let killed: TestStore;
let clean: TestStore;
const childOutput: string[] = [];

beforeAll(async () => {
  process.env.SECRETS_KEY = KEY;
  resetEnvCache();
  api = await new AcledStandin().start();
  api.events = syntheticAcled(ROWS);
  killed = await openTestStore();
  clean = await openTestStore();
}, 120_000);
afterAll(async () => {
  delete process.env.SECRETS_KEY;
  resetEnvCache();
  await api.close();
  await killed.close();
  await clean.close();
});

const addSource = (store: Store) => createSource(store, standinSourceInput(api));

/** `npm run intake -- --once --source ID` as a child process against the store under test. */
function intake(target: TestStore, id: number): ChildProcess {
  const where = target.engine === 'postgres' ? { DATABASE_URL: target.target } : { DATABASE_PATH: target.target };
  const env: NodeJS.ProcessEnv = { ...process.env, ...where, SECRETS_KEY: KEY, DEMO_DATA: 'false', LOG_LEVEL: 'debug' };
  if (target.engine === 'sqlite') delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/intake.ts', '--once', '--source', String(id)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => childOutput.push(b.toString()));
  child.stderr?.on('data', (b: Buffer) => childOutput.push(b.toString()));
  return child;
}
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

/** Everything an incident is, but its id (ids differ between two databases). */
const content = async (store: Store) =>
  (await builder(store).select().from(incidents).orderBy(asc(incidents.sourceId))).map(
    ({ id: _id, importBatchId: _b, createdAt: _c, updatedAt: _u, ...rest }) => rest,
  );

describe('ACLED backfill killed with SIGKILL', () => {
  it('resumes from the last committed page and ends as an uninterrupted sync', async () => {
    const source = await addSource(killed.store);
    let reachedPage2: () => void = () => {};
    const reached = new Promise<void>((resolve) => (reachedPage2 = resolve));
    // The sync asks for page 2 while it writes page 1: hold page 2 until the kill, which comes once
    // page 1 and the cursor have committed.
    api.holdRead = (q) => {
      if (q.page !== '2') return;
      reachedPage2();
      return new Promise<void>(() => {});
    };
    const first = intake(killed, source.id);
    const done = exited(first);
    await Promise.race([
      reached,
      done.then((code) => Promise.reject(new Error(`intake exited (${code}) before page 2:\n${childOutput.join('')}`))),
    ]);
    for (let i = 0; (await getSource(killed.store, source.id)).sync?.pages !== 1; i++) {
      if (i > 600) throw new Error('page 1 never committed');
      await new Promise((r) => setTimeout(r, 50));
    }
    first.kill('SIGKILL');
    await done;

    const mid = await getSource(killed.store, source.id);
    expect(mid.sync).toMatchObject({ phase: 'backfill', page: 2, pages: 1, rows: 5000 });
    expect(await builder(killed.store).$count(incidents)).toBe(5000);

    // The dead process's lease runs out on its own (ACLED_LEASE_MS after its last page); until then
    // a restart answers "busy". The test ends it now instead of waiting minutes.
    const lease = `source-poll:${source.id}`;
    expect(await builder(killed.store).select().from(meta).where(eq(meta.key, lease))).toHaveLength(1);
    await builder(killed.store).update(meta).set({ value: '0' }).where(eq(meta.key, lease));
    api.holdRead = null;
    api.log.length = 0;
    const second = intake(killed, source.id);
    expect(await exited(second), childOutput.join('')).toBe(0);
    const reads = api.requests('/api/acled/read');
    expect(reads.map((r) => r.query.page)).toEqual(['2', '3']);
    expect(reads[0].query.event_date).toBe(`2017-01-01|${new Date().toISOString().slice(0, 10)}`);
    // The sealed token of the killed run is reused: no new login.
    expect(api.requests('/oauth/token')).toHaveLength(0);
    expect((await getSource(killed.store, source.id)).sync).toMatchObject({ phase: 'delta', pages: 3, rows: ROWS });

    // The same data synced without interruption, in this process.
    const other = await addSource(clean.store);
    await pollSource(clean.store, other.id, { timeZone: 'Asia/Karachi' });
    const [a, b] = [await content(killed.store), await content(clean.store)];
    expect(a).toHaveLength(ROWS);
    expect(a).toEqual(b);

    const output = childOutput.join('');
    for (const secret of [api.password, ...api.issued]) expect(output).not.toContain(secret);
  }, 240_000);
});
