/**
 * One id per request, echoed as X-Request-Id and written on its log lines. A caller's (or a
 * proxy's) id is kept when it is short and plain, so it can be followed across systems; anything
 * else is replaced, so a header cannot forge or break a log line. Plain JavaScript for
 * scripts/server.mjs; also used by proxy.ts and route() (types: request-id.d.mts).
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** UUIDs, ULIDs, trace ids and base64 tokens fit; spaces, quotes, commas (a repeated header) do not. */
const SAFE_ID = /^[A-Za-z0-9._:=+/-]{1,128}$/;

/** The incoming id when safe, else a new random UUID. */
export function requestId(incoming) {
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : globalThis.crypto.randomUUID();
}
