import { z } from 'zod';
import { emailSchema, roleSchema } from './user-input';

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const createUserForm = z.strictObject({
  email: emailSchema,
  name: z.string().trim().max(100).optional(),
  role: roleSchema,
});

export const changeRoleForm = z.strictObject({ id, role: roleSchema });
export const setDisabledForm = z.strictObject({ id, disabled: z.enum(['0', '1']) });

export const createTokenForm = z.strictObject({
  name: z.string().trim().min(1, 'name is required').max(100),
  role: roleSchema,
  /** Days until expiry; empty for a token that never expires. */
  expiresInDays: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(3650).optional()),
});

export const revokeTokenForm = z.strictObject({ id });

/** FormData to a plain object, dropping Next's internal `$ACTION_…` fields. */
export function formFields(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fd.entries()) if (typeof v === 'string' && !k.startsWith('$ACTION')) out[k] = v;
  return out;
}

/** What the create-token form shows after its server action: an error, or the new token once. */
export interface CreateTokenState {
  error?: string;
  created?: { name: string; role: string; token: string; expiresAt: number | null };
}

/** What the create-user form shows after its server action: an error, or the new password once. */
export interface CreateUserState {
  error?: string;
  created?: { email: string; role: string; password: string };
}
