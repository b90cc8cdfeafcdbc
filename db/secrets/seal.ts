import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SECRETS_KEY_BASE64, SECRETS_KEY_HEX } from '@/lib/secrets/key-format';

/**
 * Secrets at rest (an ACLED password, its OAuth tokens): AES-256-GCM under the 32-byte SECRETS_KEY,
 * a fresh 12-byte nonce per value, the 16-byte tag checked on open, so a wrong key or a changed
 * byte fails loudly instead of yielding garbage. node:crypto does this in a few lines; a library
 * would add a dependency for nothing. Format: `v1.<nonce>.<tag>.<ciphertext>`, each base64url;
 * `label` is bound as associated data, so a sealed password cannot be passed off as a token.
 */

const VERSION = 'v1';

export class SecretError extends Error {
  override readonly name = 'SecretError';
}

/** The key from SECRETS_KEY's text (lib/secrets/key-format.ts); null when it is not 32 bytes. */
export function parseSecretsKey(raw: string): Buffer | null {
  const text = raw.trim();
  if (SECRETS_KEY_HEX.test(text)) return Buffer.from(text, 'hex');
  if (!SECRETS_KEY_BASE64.test(text)) return null;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : null;
}

export function sealSecret(plain: string, key: Buffer, label: string): string {
  if (key.length !== 32) throw new SecretError('the secrets key must be 32 bytes');
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, nonce, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** The plain text; throws SecretError (never showing the value) when the key or the data is wrong. */
export function openSecret(sealed: string, key: Buffer, label: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretError('not a sealed secret');
  const [nonce, tag, body] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
  if (nonce.length !== 12 || tag.length !== 16) throw new SecretError('not a sealed secret');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.from(label, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretError('the secret cannot be opened: SECRETS_KEY is not the key it was sealed with, or the value was altered');
  }
}
