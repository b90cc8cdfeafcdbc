import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '@/server/writer/writer-protocol';
import { AppError } from '@/lib/errors';

/** What crosses the thread boundary: the wire form after a structured clone. */
const across = (err: unknown) => fromWire(structuredClone(toWire(err)));

describe('writer thread errors cross the thread boundary intact', () => {
  it('an application error keeps its class, code, status, issues and headers', () => {
    const sent = new AppError('rate_limited', 'Too many writes', [{ path: 'sourceId', message: 'slow down' }], { 'retry-after': '7' });
    const got = across(sent);
    expect(got).toBeInstanceOf(AppError);
    expect(got).toMatchObject({
      code: 'rate_limited',
      status: 429,
      message: 'Too many writes',
      issues: [{ path: 'sourceId', message: 'slow down' }],
      headers: { 'retry-after': '7' },
    });
  });

  it("SQLite's error code survives (SQLITE_BUSY answers 503, not 500), with the thread's stack", () => {
    const busy = Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' });
    const got = across(busy);
    expect(got).not.toBeInstanceOf(AppError);
    expect(got).toMatchObject({ name: 'SqliteError', message: 'database is locked', code: 'SQLITE_BUSY' });
    expect(got.stack).toContain('(in the writer thread)');
  });

  it('a thrown non-error becomes an Error with its text', () => {
    const got = across('plain string');
    expect(got).toBeInstanceOf(Error);
    expect(got.message).toBe('plain string');
    expect((got as { code?: string }).code).toBeUndefined();
  });
});
