import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { LOG_LEVELS } from '@/lib/log-levels.mjs';
import { logLevel, loggerOptions } from '@/server/log.mjs';

/** A logger with the server's options writing into an array of parsed lines. */
function capture(level = 'trace') {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = pino(loggerOptions(level), { write: (s: string) => void (raw.push(s), lines.push(JSON.parse(s))) });
  return { logger, lines, raw };
}

describe('server logger', () => {
  it('writes JSON lines with a readable level, an ISO time and the pid', () => {
    const { logger, lines } = capture();
    logger.info({ component: 'index', incidents: 3 }, 'incidents indexed');
    expect(lines[0]).toMatchObject({ level: 'info', pid: process.pid, component: 'index', incidents: 3, msg: 'incidents indexed' });
    expect(new Date(String(lines[0].time)).toISOString()).toBe(lines[0].time);
  });

  it('never writes passwords, tokens, webhook secrets, cookies or Authorization headers', () => {
    const { logger, raw } = capture();
    const secrets = [
      'pw-1-very-secret',
      'fw_token_abcdef',
      'whsec_c2VjcmV0',
      'fw_session=abc123',
      'Bearer fw_xyz',
      'hash-of-pw',
      'api-key-9',
    ];
    logger.info({ password: secrets[0], token: secrets[1], secret: secrets[2] }, 'top level');
    logger.info(
      { user: { email: 'a@b.c', password: secrets[0], passwordHash: secrets[5] }, rule: { id: 4, secret: secrets[2] } },
      'one level down',
    );
    logger.info(
      { admin: { generatedPassword: secrets[0] }, session: { token: secrets[1], tokenHash: secrets[5] }, webhookSecret: secrets[2] },
      'names',
    );
    logger.info(
      { headers: { cookie: secrets[3], authorization: secrets[4], 'x-api-key': secrets[6], 'set-cookie': secrets[3] } },
      'headers',
    );
    logger.info({ req: { headers: { cookie: secrets[3], authorization: secrets[4] } } }, 'request headers');
    logger.child({ rule: { secret: secrets[2] } }).warn({ cookie: secrets[3], authorization: secrets[4] }, 'child');
    const out = raw.join('');
    for (const s of secrets) expect(out).not.toContain(s);
    expect(out.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(18);
    // What is not a secret stays readable.
    expect(out).toContain('a@b.c');
  });

  it('keeps errors with their message and stack', () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error('boom') }, 'failed');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'failed', err: { type: 'Error', message: 'boom' } });
    expect(String((lines[0].err as { stack: string }).stack)).toContain('Error: boom');
  });

  it('honours the level: lines below it are not written, silent writes none', () => {
    const warn = capture('warn');
    warn.logger.info('hidden');
    warn.logger.warn('shown');
    expect(warn.lines.map((l) => l.msg)).toEqual(['shown']);
    const silent = capture('silent');
    silent.logger.fatal('hidden');
    expect(silent.lines).toEqual([]);
  });

  it('reads LOG_LEVEL as the env schema does, falling back to info on what start-up validation refuses', () => {
    for (const level of LOG_LEVELS) expect(logLevel(level)).toBe(parseEnv({ LOG_LEVEL: level }).LOG_LEVEL);
    expect(logLevel(' debug ')).toBe('debug');
    expect(logLevel(undefined)).toBe('info');
    expect(logLevel('verbose')).toBe('info');
  });
});
