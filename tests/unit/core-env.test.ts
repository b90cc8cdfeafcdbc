import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

describe('parseEnv', () => {
  it('applies defaults', () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: 'data/frontier-watch.db',
      REPORT_TIME_ZONE: 'Asia/Karachi',
      DEMO_DATA: true,
      ALERT_HORIZON_HOURS: 72,
      WRITE_RATE_LIMIT_PER_MINUTE: 600,
      WRITER_THREAD: true,
    });
  });
  it('treats empty strings as unset and parses booleans', () => {
    expect(parseEnv({ PORT: '', DEMO_DATA: 'false', WRITER_THREAD: 'false' })).toMatchObject({
      PORT: 3000,
      DEMO_DATA: false,
      WRITER_THREAD: false,
    });
    expect(() => parseEnv({ WRITER_THREAD: 'off' })).toThrow(/WRITER_THREAD.*true or false/);
  });
  it('validates the write rate limit', () => {
    expect(parseEnv({ WRITE_RATE_LIMIT_PER_MINUTE: '30000' }).WRITE_RATE_LIMIT_PER_MINUTE).toBe(30000);
    expect(() => parseEnv({ WRITE_RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/WRITE_RATE_LIMIT_PER_MINUTE/);
    expect(() => parseEnv({ WRITE_RATE_LIMIT_PER_MINUTE: '1.5' })).toThrow(/whole number/);
  });
  it("validates LOG_LEVEL against pino's levels, default info", () => {
    expect(parseEnv({}).LOG_LEVEL).toBe('info');
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      expect(parseEnv({ LOG_LEVEL: ` ${level} ` }).LOG_LEVEL).toBe(level);
    expect(() => parseEnv({ LOG_LEVEL: 'verbose' })).toThrow(
      /LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent \(got "verbose"\)/,
    );
    expect(() => parseEnv({ LOG_LEVEL: 'INFO' })).toThrow(/LOG_LEVEL/);
  });
  it('reports one line per bad variable, naming it', () => {
    try {
      parseEnv({ PORT: 'eighty', REPORT_TIME_ZONE: 'Mars/Olympus', DEMO_DATA: 'maybe', TILE_URL: 'ftp://x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      const problems = (err as EnvError).problems;
      expect(problems).toHaveLength(4);
      expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/number/);
      expect(problems.find((p) => p.startsWith('REPORT_TIME_ZONE'))).toMatch(/IANA/);
      expect(problems.find((p) => p.startsWith('DEMO_DATA'))).toMatch(/true or false/);
      expect(problems.find((p) => p.startsWith('TILE_URL'))).toMatch(/\{z\}/);
    }
  });
  it('validates DATABASE_URL as a postgres:// URL, never showing its password', () => {
    expect(parseEnv({}).DATABASE_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: ' postgres://fw:pw@db:5432/frontier ' }).DATABASE_URL).toBe('postgres://fw:pw@db:5432/frontier');
    const problems = (source: Record<string, string>) => {
      try {
        parseEnv(source);
      } catch (err) {
        return (err as EnvError).problems;
      }
      return [];
    };
    const [missingDb] = problems({ DATABASE_URL: 'postgres://fw:Sup3rSecret@db:5432' });
    expect(missingDb).toBe('DATABASE_URL: must name one database after the host (…@host:port/database) (got "postgres://fw:***@db:5432")');
    const [wrongScheme] = problems({ DATABASE_URL: 'mysql://fw:Sup3rSecret@db/frontier' });
    expect(wrongScheme).toMatch(/^DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//);
    const [noUrl] = problems({ DATABASE_URL: 'fw:Sup3rSecret@db/frontier' });
    expect(noUrl).toMatch(/^DATABASE_URL: /);
    for (const line of [missingDb, wrongScheme, noUrl]) expect(line).not.toContain('Sup3rSecret');
  });
  it('validates DATABASE_POOL_MAX, default 10', () => {
    expect(parseEnv({}).DATABASE_POOL_MAX).toBe(10);
    expect(parseEnv({ DATABASE_POOL_MAX: '32' }).DATABASE_POOL_MAX).toBe(32);
    expect(() => parseEnv({ DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX: must be at least 1 \(got "0"\)/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: '2.5' })).toThrow(/DATABASE_POOL_MAX: must be a whole number/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: 'many' })).toThrow(/DATABASE_POOL_MAX: must be a number/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: '5000' })).toThrow(/DATABASE_POOL_MAX: must be at most 1000/);
  });
});
