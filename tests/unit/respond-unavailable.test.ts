import { describe, expect, it } from 'vitest';
import { errorResponse, UNAVAILABLE_RETRY_AFTER_SEC } from '@/server/http/respond';
import { isDatabaseUnavailable } from '@/db/unavailable';
import { PgConnectError } from '@/db/pg/connection';

/** An error as node-postgres raises it (SQLSTATE or errno in `code`), wrapped as Drizzle wraps it. */
const pgError = (code: string, message = 'driver error') => Object.assign(new Error(message), { code });
const drizzleWrapped = (cause: Error) => new Error('Failed query: INSERT INTO incidents …', { cause });

describe('a database that is failing over, restarting or unreachable answers 503 with Retry-After', () => {
  const unavailable: [string, Error][] = [
    ['57P01 admin shutdown (the old primary of a failover)', pgError('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash shutdown', pgError('57P02')],
    ['57P03 cannot connect now (starting up, in recovery)', pgError('57P03', 'the database system is starting up')],
    ['08000 connection exception', pgError('08000')],
    ['08003 connection does not exist', pgError('08003')],
    ['08006 connection failure', pgError('08006')],
    ['25006 a write reached a read-only standby', pgError('25006', 'cannot execute INSERT in a read-only transaction')],
    ['ECONNREFUSED', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['ECONNRESET', pgError('ECONNRESET', 'read ECONNRESET')],
    ['the pool timing out on connect', new Error('timeout exceeded when trying to connect')],
    ['a connection timeout', new Error('Connection terminated due to connection timeout')],
    ['a connection closed under a query', new Error('Connection terminated unexpectedly')],
    ['a start-up connection failure', new PgConnectError('fw@db:5432/fw', pgError('ECONNREFUSED'))],
  ];

  it.each(unavailable)('%s', async (_, err) => {
    for (const e of [err, drizzleWrapped(err)]) {
      expect(isDatabaseUnavailable(e)).toBe(true);
      const res = errorResponse(e);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe(String(UNAVAILABLE_RETRY_AFTER_SEC));
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('busy');
      // Nothing of the driver's message (addresses, SQL) reaches the client.
      expect(body.error.message).not.toMatch(/ECONN|127\.0\.0\.1|INSERT/);
    }
  });

  it('keeps SQLITE_BUSY as it was', async () => {
    const res = errorResponse(pgError('SQLITE_BUSY_SNAPSHOT', 'database is locked'));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('busy');
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['a serialization failure that ran out of retries', pgError('40001')],
    ['a syntax error', pgError('42601')],
    ['an ordinary bug', new TypeError('x is undefined')],
  ])('answers %s 500, not 503', (_, err) => {
    expect(isDatabaseUnavailable(drizzleWrapped(err))).toBe(false);
    expect(errorResponse(drizzleWrapped(err)).status).toBe(500);
  });
});
