import { z } from 'zod';
import { ROLES } from './roles';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-rules';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }));

export const roleSchema = z.enum(ROLES);

export const newUserSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().max(100).optional(),
  role: roleSchema.default('viewer'),
  password: z.string().min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX).optional(),
});
export type NewUserInput = z.input<typeof newUserSchema>;

/** Sign-in form: bounded so a huge password cannot make Argon2 work on megabytes. */
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX),
  next: z.string().max(2000).optional(),
});
