/**
 * `postgres://user:password@host:port/database` URLs (DATABASE_URL, TEST_DATABASE_URL): checked
 * here, in lib/, so the environment schema can name what is wrong before any connection is tried,
 * and redacted here, so no log line or error message ever carries the password.
 */

export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

const DEFAULT_PORT = 5432;
const PROTOCOLS = new Set(['postgres:', 'postgresql:']);

/** True when `text` names a PostgreSQL server (what openStore opens as PostgreSQL rather than a SQLite path). */
export const isPostgresUrl = (text: string): boolean => /^postgres(ql)?:\/\//i.test(text);

/** What is wrong with the URL (one phrase for an env error), or its parts without the password. */
export function checkPostgresUrl(text: string): { ok: true; target: PostgresTarget } | { ok: false; problem: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'must be a URL of the form postgres://user:password@host:port/database' };
  }
  if (!PROTOCOLS.has(url.protocol)) return { ok: false, problem: 'must start with postgres:// or postgresql://' };
  // The driver would fall back to a Unix socket in /var/run or /tmp; this product always names its server.
  if (url.hostname === '') return { ok: false, problem: 'must name the database host (postgres://user:password@host:port/database)' };
  const database = decodePart(url.pathname.replace(/^\//, ''));
  if (database === null || database === '' || database.includes('/'))
    return { ok: false, problem: 'must name one database after the host (…@host:port/database)' };
  const user = decodePart(url.username);
  if (user === null || user === '') return { ok: false, problem: 'must name the user (postgres://user:password@host…)' };
  if (decodePart(url.password) === null) return { ok: false, problem: 'has a badly escaped password (percent-encode reserved characters)' };
  return {
    ok: true,
    target: { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? DEFAULT_PORT : Number(url.port), database, user },
  };
}

/**
 * The URL as it may be logged or shown: the password, if any, replaced by `***`. Text that is not
 * a postgres:// URL is not echoed at all: `user:secret@host` parses as a URL of scheme `user:`.
 */
export function redactPostgresUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return '(not a postgres:// URL)';
  }
  if (!PROTOCOLS.has(url.protocol)) return '(not a postgres:// URL)';
  if (url.password !== '') url.password = '***';
  // Query parameters may carry secrets too (`?password=`, `sslpassword=`, `sslkey=`).
  for (const key of [...url.searchParams.keys()]) if (/pass|key|secret/i.test(key)) url.searchParams.set(key, '***');
  return url.toString();
}

function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
