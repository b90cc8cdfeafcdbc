import { z } from 'zod';

const argsSchema = z
  .object({
    url: z
      .string()
      .max(2048)
      .refine((u) => URL.canParse(u) && ['http:', 'https:'].includes(new URL(u).protocol), {
        message: 'must be an http:// or https:// URL',
      })
      .default('http://127.0.0.1:3000'),
    interval: z.coerce
      .number({ message: 'must be a number of seconds' })
      .min(0.2, 'must be at least 0.2 seconds')
      .max(3600, 'must be at most 3600 seconds')
      .default(3),
    count: z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1_000_000)
      .optional(),
    token: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  })
  .strict();

export type SimulateArgs = z.output<typeof argsSchema>;

/** Validates simulator options; returns readable problems ("--interval: must be …") instead of throwing. */
export function parseSimulateArgs(
  values: Record<string, string | undefined>,
): { ok: true; args: SimulateArgs } | { ok: false; problems: string[] } {
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const r = argsSchema.safeParse(defined);
  if (r.success) return { ok: true, args: r.data };
  return { ok: false, problems: r.error.issues.map((i) => `--${i.path.join('.') || 'options'}: ${i.message}`) };
}
