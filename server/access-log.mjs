/**
 * One access line per request, written when the response is done (or the client went away):
 * method, path (the query string is left out: it can carry search text, tokens in links, emails),
 * status, milliseconds and the request id. Answers of 500 and up are logged at error level so a
 * failure is never filtered out by LOG_LEVEL=warn. Plain JavaScript, for scripts/server.mjs.
 */
import { log } from './log.mjs';

/** Level of a successful request's line (see docs/benchmarks.md for its cost). */
export const ACCESS_LEVEL = 'info';

const MAX_PATH = 300;

/** The path of a request target, without its query string, cut to MAX_PATH characters. */
export function pathOnly(url = '/') {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}

/** Logs `req`'s access line when `res` closes. */
export function logAccess(req, res, reqId, started = performance.now()) {
  res.once('close', () => {
    const status = res.statusCode;
    const level = status >= 500 ? 'error' : ACCESS_LEVEL;
    if (!log.isLevelEnabled(level)) return;
    const line = { reqId, method: req.method, path: pathOnly(req.url), status, ms: Math.round((performance.now() - started) * 10) / 10 };
    // A response cut off before its end (a client that went away, an event stream at shutdown).
    if (!res.writableFinished) line.aborted = true;
    log[level](line, 'request');
  });
}
