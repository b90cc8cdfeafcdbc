// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeStore, openStore } from '@/db/store';
import { startAlertScheduler, stopAlertScheduler } from '@/server/alerts/alert-scheduler';
import { log } from '@/server/log.mjs';
import { openTestStore, testEngine, type TestStore } from '../support/engine';
import { addIncidents, addRule, alertsOfRule } from '../support/alert-seed';

/** The scheduler's window pass on the engine under test (webhooks: tests/integration/alerts-scheduler.test.ts). */
let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(async () => {
  await stopAlertScheduler();
  await t.close();
});

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Only the window pass runs often here.
const RARE = { webhookEveryMs: 600_000, statsEveryMs: 600_000 };

describe(`alert scheduler on ${testEngine}`, () => {
  it('fires a window rule created after its incidents once, however many passes run', async () => {
    const now = Date.now();
    await addIncidents(
      t.store,
      [1, 2, 3].map((h) => ({ at: now - h * HOUR })),
      now,
    );
    const rule = await addRule(
      t.store,
      { name: 'late', kind: 'threshold', scope: { region: ['kp'] }, params: { count: 3, windowHours: 24 } },
      now,
    );
    const scheduler = startAlertScheduler({ db: () => t.store, horizonHours: () => 72, windowEveryMs: 20, ...RARE });
    try {
      for (let i = 0; i < 200 && (await alertsOfRule(t.store, rule)).length === 0; i++) await sleep(25);
      await sleep(200); // several more passes
    } finally {
      await scheduler.stop();
    }
    expect((await alertsOfRule(t.store, rule)).map((a) => a.summary)).toEqual([
      '3 incidents in Khyber Pakhtunkhwa within 24 h (threshold 3)',
    ]);
  });

  it('logs a failing pass and keeps running; stop() waits for the pass in flight', async () => {
    const closed = openStore(t.target, { poolMax: 1 });
    await closeStore(closed);
    const error = vi.spyOn(log, 'error').mockImplementation(() => {});
    const scheduler = startAlertScheduler({ db: () => closed, horizonHours: () => 72, windowEveryMs: 10, ...RARE });
    try {
      for (let i = 0; i < 200 && error.mock.calls.length < 3; i++) await sleep(10);
      expect(error.mock.calls.length).toBeGreaterThanOrEqual(3);
      expect(error.mock.calls[0][1]).toBe('scheduled window evaluation failed');
    } finally {
      await scheduler.stop();
      error.mockRestore();
    }
    // A second start after stop is a new scheduler, not the stopped one.
    const again = startAlertScheduler({ db: () => t.store, horizonHours: () => 72, ...RARE });
    expect(again).not.toBe(scheduler);
    await stopAlertScheduler();
  });
});
