// Plain ESM for scripts/server.mjs (plain JavaScript at run time). No Node APIs: it only reads a
// request's headers and socket fields. TRUST_PROXY is parsed by lib/proxy-hops.mjs, as lib/env.ts does.
export { proxyHops } from '../../lib/proxy-hops.mjs';

/** Headers only a reverse proxy may set: client address, scheme, host and port as it saw them. */
const FORWARDED = new Set(['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded', 'x-real-ip']);

/**
 * At the server's socket, before anything reads the request: with no trusted proxy, forwarding
 * headers a client sent are replaced by what the socket says (its address, plain http), so
 * neither Next.js (server-action origin check, request URL) nor our handlers can be fooled.
 * Requests without such headers are left untouched: Next.js fills the same values itself.
 */
export function applyProxyTrust(req, hops) {
  if (hops > 0) return;
  const raw = req.rawHeaders;
  let forged = false;
  for (let i = 0; i < raw.length && !forged; i += 2) forged = FORWARDED.has(raw[i].toLowerCase());
  if (!forged) return;
  const address = req.socket.remoteAddress ?? '';
  const proto = req.socket.encrypted ? 'https' : 'http';
  const kept = [];
  for (let i = 0; i < raw.length; i += 2) if (!FORWARDED.has(raw[i].toLowerCase())) kept.push(raw[i], raw[i + 1]);
  kept.push('X-Forwarded-For', address, 'X-Forwarded-Proto', proto);
  req.rawHeaders = kept;
  const headers = req.headers;
  for (const name of FORWARDED) delete headers[name];
  headers['x-forwarded-for'] = address;
  headers['x-forwarded-proto'] = proto;
}
