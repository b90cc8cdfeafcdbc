import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { parseSecretsKey } from './seal';

/** The configured SECRETS_KEY as bytes, or null when it is unset (lib/env.ts has validated its form). */
export function secretsKey(): Buffer | null {
  const raw = env().SECRETS_KEY;
  return raw ? parseSecretsKey(raw) : null;
}

/** The key, or a 400 naming SECRETS_KEY: a password is never stored unsealed. */
export function requireSecretsKey(field = 'password'): Buffer {
  const key = secretsKey();
  if (!key)
    throw new AppError(
      'bad_request',
      'SECRETS_KEY is not set on the server: it is needed to store a password encrypted (see README, SECRETS_KEY).',
      [{ path: field, message: 'cannot be stored: SECRETS_KEY is not set on the server' }],
    );
  return key;
}

/** What a sealed value is bound to (associated data): a sealed token cannot stand in for a password. */
export const SECRET_LABELS = { password: 'acled:password', token: 'acled:token' } as const;
