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
});
