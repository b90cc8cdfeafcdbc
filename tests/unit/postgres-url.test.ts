import { describe, expect, it } from 'vitest';
import { checkPostgresUrl, redactPostgresUrl } from '@/lib/postgres-url';

describe('checkPostgresUrl', () => {
  it('accepts postgres:// and postgresql:// URLs, with the default port when none is given', () => {
    expect(checkPostgresUrl('postgres://fw:s3cret@db.internal:5433/frontier')).toEqual({
      ok: true,
      target: { host: 'db.internal', port: 5433, database: 'frontier', user: 'fw' },
    });
    expect(checkPostgresUrl('postgresql://fw@10.0.0.5/frontier?sslmode=require')).toEqual({
      ok: true,
      target: { host: '10.0.0.5', port: 5432, database: 'frontier', user: 'fw' },
    });
    expect(checkPostgresUrl('postgres://fw:pw@[::1]:6543/frontier')).toMatchObject({ ok: true, target: { host: '::1', port: 6543 } });
  });

  it('decodes percent-encoded names', () => {
    expect(checkPostgresUrl('postgres://watch%20floor:p%40ss@h/db%2Dmain')).toMatchObject({
      ok: true,
      target: { user: 'watch floor', database: 'db-main' },
    });
  });

  it('says what is missing or wrong', () => {
    const problem = (url: string) => {
      const checked = checkPostgresUrl(url);
      return checked.ok ? null : checked.problem;
    };
    expect(problem('not a url')).toMatch(/postgres:\/\/user:password@host:port\/database/);
    expect(problem('mysql://fw:pw@h/db')).toMatch(/postgres:\/\/ or postgresql:\/\//);
    expect(problem('postgres://fw:pw@h')).toMatch(/database/);
    expect(problem('postgres://fw:pw@h/')).toMatch(/database/);
    expect(problem('postgres://fw:pw@h/a/b')).toMatch(/one database/);
    expect(problem('postgres://h/db')).toMatch(/user/);
    expect(problem('postgres:///db')).toMatch(/host/);
    expect(problem('postgres://fw:%E0%A4@h/db')).toMatch(/password/);
    expect(problem('postgres://fw:pw@h:99999/db')).not.toBeNull();
  });
});

describe('redactPostgresUrl', () => {
  it('replaces the password and secret parameters, keeping what an operator needs', () => {
    const shown = redactPostgresUrl('postgres://fw:s3cret-pw@db:5432/frontier?sslmode=require&sslpassword=k3y');
    expect(shown).toBe('postgres://fw:***@db:5432/frontier?sslmode=require&sslpassword=***');
    expect(shown).not.toMatch(/s3cret|k3y/);
  });
  it('leaves a URL without a password as it is', () => {
    expect(redactPostgresUrl('postgres://fw@db/frontier')).toBe('postgres://fw@db/frontier');
  });
  it('never echoes text that is not a postgres URL, which may still hold a password', () => {
    expect(redactPostgresUrl('fw:s3cret@db/frontier')).toBe('(not a postgres:// URL)');
    expect(redactPostgresUrl('s3cret')).toBe('(not a postgres:// URL)');
    expect(redactPostgresUrl('mysql://fw:s3cret@db/x')).toBe('(not a postgres:// URL)');
  });
});
