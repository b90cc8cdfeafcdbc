/**
 * One-click unsubscribe tokens: `v1.<subscription id>.<HMAC-SHA256 of "frontier-watch/unsubscribe/v1/<id>">`
 * in base64url, keyed with the deployment's unsubscribe secret (server/mail/unsubscribe-secret.ts).
 * Bound to one subscription id, so a token can only ever switch off the subscription it was mailed for.
 *
 * No expiry, on purpose: the link sits in every mail ever sent and in the List-Unsubscribe header
 * that mail clients act on months later (RFC 8058), and all it can do is stop mail, idempotently.
 * To void every token at once, replace the secret.
 *
 * HMAC comes from @noble/hashes because lib/ runs in the browser too (no node:crypto) and Web
 * Crypto is asynchronous; the version prefix lets a later scheme coexist with links already sent.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

const VERSION = 'v1';
/** A secret shorter than this is a configuration mistake, not a key. */
export const MIN_SECRET_LENGTH = 16;
const TOKEN = /^v1\.([1-9][0-9]{0,15})\.([A-Za-z0-9_-]{43})$/;

const utf8 = (s: string) => new TextEncoder().encode(s);

function mac(subscriptionId: number, secret: string): Uint8Array {
  return hmac(sha256, utf8(secret), utf8(`frontier-watch/unsubscribe/${VERSION}/${subscriptionId}`));
}

function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Compares every byte whatever the first difference, so timing tells an attacker nothing about the tag. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** The token for `subscriptionId` (URL-safe: letters, digits, `.`, `-`, `_`). */
export function signUnsubscribe(subscriptionId: number, secret: string): string {
  if (!Number.isSafeInteger(subscriptionId) || subscriptionId < 1) throw new RangeError('subscriptionId must be a positive integer');
  if (secret.length < MIN_SECRET_LENGTH) throw new RangeError(`the unsubscribe secret must be at least ${MIN_SECRET_LENGTH} characters`);
  return `${VERSION}.${subscriptionId}.${base64url(mac(subscriptionId, secret))}`;
}

/** The subscription id a token was signed for, or null for anything forged, altered, truncated or of another scheme. */
export function verifyUnsubscribe(token: string, secret: string): number | null {
  if (typeof token !== 'string' || token.length > 80 || secret.length < MIN_SECRET_LENGTH) return null;
  const m = TOKEN.exec(token);
  if (!m) return null;
  const id = Number(m[1]);
  if (!Number.isSafeInteger(id)) return null;
  return sameBytes(utf8(m[2]), utf8(base64url(mac(id, secret)))) ? id : null;
}
