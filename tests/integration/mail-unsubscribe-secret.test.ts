// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { builder } from '@/db/engine';
import { meta } from '@/db/schema';
import { closeStore, openStore } from '@/db/store';
import { signUnsubscribe, verifyUnsubscribe } from '@/lib/mail/unsubscribe';
import { UNSUBSCRIBE_SECRET_KEY, unsubscribeSecret } from '@/server/mail/unsubscribe-secret';
import { openTestStore, testEngine, type TestStore } from '../support/engine';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(async () => {
  await t.close();
});

describe('unsubscribeSecret', () => {
  it('is generated once, kept in meta, and the same for a second instance on the same database', async () => {
    const [first, again] = await Promise.all([unsubscribeSecret(t.store), unsubscribeSecret(t.store)]);
    expect(first).toBe(again);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await builder(t.store).select().from(meta).where(eq(meta.key, UNSUBSCRIBE_SECRET_KEY));
    expect(row.value).toBe(first);

    // Another connection (another instance) reads the same key: links signed by one verify on the other.
    const other = openStore(t.target, testEngine === 'postgres' ? { poolMax: 2 } : {});
    try {
      const theirs = await unsubscribeSecret(other);
      expect(theirs).toBe(first);
      expect(verifyUnsubscribe(signUnsubscribe(7, first), theirs)).toBe(7);
    } finally {
      await closeStore(other);
    }
  });
});
