import { z } from 'zod';

/**
 * Webhook signing secrets (Standard Webhooks, https://www.standardwebhooks.com): a secret is
 * handed out as `whsec_<base64>` and the base64 part is the HMAC key. Secrets stored before this
 * scheme are plain strings whose UTF-8 bytes are the key, so existing receivers keep verifying.
 */
export const WHSEC_PREFIX = 'whsec_';
const MIN_KEY_BYTES = 16;
const MAX_SECRET_CHARS = 200;
// Standard base64 with padding: what the standardwebhooks libraries decode.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** True for `whsec_<standard base64>`; anything else is a plain (pre-whsec) secret. */
export function isWhsec(secret: string): boolean {
  return secret.startsWith(WHSEC_PREFIX) && secret.length > WHSEC_PREFIX.length && BASE64.test(secret.slice(WHSEC_PREFIX.length));
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The HMAC key of a stored secret: the decoded base64 part of a whsec secret, else its UTF-8 bytes. */
export function webhookKey(secret: string): Uint8Array {
  return isWhsec(secret) ? base64ToBytes(secret.slice(WHSEC_PREFIX.length)) : new TextEncoder().encode(secret);
}

/** The `whsec_<base64>` form of a stored secret, the one shown to the user once. Same key either way. */
export function toWhsec(secret: string): string {
  return isWhsec(secret) ? secret : WHSEC_PREFIX + bytesToBase64(new TextEncoder().encode(secret));
}

/** A new secret from random key bytes (32, as the Standard Webhooks reference servers use). */
export function whsecFromKey(key: Uint8Array): string {
  return WHSEC_PREFIX + bytesToBase64(key);
}

/**
 * A secret a user may set: `whsec_<base64>` of at least 16 key bytes, or (as before) a plain
 * string of at least 16 characters. A `whsec_` value that is not valid base64 is refused rather
 * than silently used as a plain string. Messages never echo the value.
 */
export const webhookSecretSchema = z
  .string()
  .max(MAX_SECRET_CHARS)
  .superRefine((s, ctx) => {
    if (s.startsWith(WHSEC_PREFIX)) {
      if (!isWhsec(s)) ctx.addIssue({ code: 'custom', message: 'after whsec_ must come standard base64 (A-Z a-z 0-9 + / with = padding)' });
      else if (webhookKey(s).length < MIN_KEY_BYTES)
        ctx.addIssue({ code: 'custom', message: `must encode at least ${MIN_KEY_BYTES} key bytes` });
    } else if (s.length < MIN_KEY_BYTES) {
      ctx.addIssue({ code: 'custom', message: `must be at least ${MIN_KEY_BYTES} characters, or whsec_<base64>` });
    }
  });
