/**
 * The accepted forms of SECRETS_KEY (validated in lib/env.ts, decoded in db/secrets/key.ts):
 * 32 bytes as 64 hex digits, or as base64/base64url (43 characters and an optional `=`).
 */
export const SECRETS_KEY_HEX = /^[0-9a-fA-F]{64}$/;
export const SECRETS_KEY_BASE64 = /^[A-Za-z0-9+/_-]{42}[AEIMQUYcgkosw048]=?$/;

export const isSecretsKeyText = (raw: string) => SECRETS_KEY_HEX.test(raw.trim()) || SECRETS_KEY_BASE64.test(raw.trim());
