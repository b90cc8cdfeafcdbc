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

const reportsSchema = z
  .object({
    'feed-port': z.coerce
      .number({ message: 'must be a port number' })
      .int('must be a port number')
      .min(0, 'must be 0 (any free port) or 1–65535')
      .max(65535, 'must be 0 (any free port) or 1–65535')
      .default(3939),
    interval: z.coerce
      .number({ message: 'must be a number of seconds' })
      .min(0.2, 'must be at least 0.2 seconds')
      .max(3600, 'must be at most 3600 seconds')
      .default(10),
    count: z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100_000)
      .optional(),
  })
  .strict();

export type SimulateReportsArgs = z.output<typeof reportsSchema>;

/**
 * Options of `npm run simulate -- --reports`. --url and --token do not apply: the reports are
 * written to the configured database (DATABASE_PATH) by the normal poll path, not posted.
 */
export function parseSimulateReportsArgs(
  values: Record<string, string | undefined>,
): { ok: true; args: SimulateReportsArgs } | { ok: false; problems: string[] } {
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const r = reportsSchema.safeParse(defined);
  if (r.success) return { ok: true, args: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) =>
      i.code === 'unrecognized_keys'
        ? `${i.keys.map((k) => `--${k}`).join(', ')}: not used with --reports (reports go to the configured database, DATABASE_PATH)`
        : `--${i.path.join('.') || 'options'}: ${i.message}`,
    ),
  };
}
