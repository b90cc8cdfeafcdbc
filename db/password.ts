import { hash, verify, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// OWASP Password Storage Cheat Sheet, Argon2id: m=19 MiB, t=2, p=1. (2 is Algorithm.Argon2id,
// a const enum that isolatedModules cannot import.)
const OPTIONS: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/auth/password-rules';

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False for any malformed hash instead of throwing: a corrupt row must read as "wrong password". */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same work as a real check so unknown emails are not told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
}

/** A random password for CLI-created accounts: 24 base64url characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
