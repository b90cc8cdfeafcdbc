/**
 * SMTP_URL (`smtp://user:password@host:port`, `smtps://…`): checked here, in lib/, so the
 * environment schema names what is wrong before a connection is tried, and redacted here, so no
 * log line or error carries the password.
 */

const PROTOCOLS = new Set(['smtp:', 'smtps:']);
/**
 * Query options passed on to nodemailer. Only these: nodemailer lets the URL's options override
 * the transport's own, and `?logger=true` or `?debug=true` would print the AUTH exchange.
 */
export const SMTP_URL_OPTIONS = ['requireTLS', 'ignoreTLS', 'name', 'authMethod', 'localAddress'];
const optionAllowed = (key: string) => SMTP_URL_OPTIONS.includes(key) || /^tls\.[A-Za-z]+$/.test(key);

/** What is wrong with the URL (one phrase for an env error), or null when it can be used. */
export function smtpUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be a URL of the form smtp://user:password@host:port or smtps://…';
  }
  if (!PROTOCOLS.has(url.protocol)) return 'must start with smtp:// or smtps://';
  if (url.hostname === '') return 'must name the mail server host (smtp://user:password@host:port)';
  if (url.pathname !== '' && url.pathname !== '/') return 'must not have a path after the host';
  for (const part of [url.username, url.password]) {
    try {
      decodeURIComponent(part);
    } catch {
      return 'has badly escaped credentials (percent-encode reserved characters)';
    }
  }
  if (url.password !== '' && url.username === '') return 'has a password but no user name';
  const unknown = [...url.searchParams.keys()].find((k) => !optionAllowed(k));
  if (unknown !== undefined)
    return `has an unsupported option ?${unknown.slice(0, 40)} (allowed: ${SMTP_URL_OPTIONS.join(', ')}, tls.<option>)`;
  return null;
}

/** The URL as it may be logged or shown: the password replaced by `***`; text that is not an smtp(s) URL is not echoed. */
export function redactSmtpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return '(not an smtp:// URL)';
  }
  if (!PROTOCOLS.has(url.protocol)) return '(not an smtp:// URL)';
  if (url.password !== '') url.password = '***';
  for (const key of [...url.searchParams.keys()]) if (/pass|key|secret|token/i.test(key)) url.searchParams.set(key, '***');
  return url.toString();
}

/** The user name and password in the URL (decoded), so error text can be scrubbed of them. */
export function smtpCredentials(text: string): string[] {
  try {
    const url = new URL(text);
    return [url.username, url.password].filter((p) => p !== '').flatMap((p) => [p, decodeURIComponent(p)]);
  } catch {
    return [];
  }
}
