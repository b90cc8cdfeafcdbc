import { z } from 'zod';
import { flagString } from '@/lib/validation/flag';

const booleanString = flagString();

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const envSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1, 'must not be empty').max(4096).default('data/frontier-watch.db'),
  REPORT_TIME_ZONE: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Karachi' })
    .default('Asia/Karachi'),
  DEMO_DATA: booleanString.default(true),
  /** Optional raster tile layer (e.g. https://tile.example.org/{z}/{x}/{y}.png); the default basemap is offline vector data. */
  TILE_URL: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/, 'must be an http(s) URL template containing {z}, {x} and {y}')
    .optional(),
  TILE_ATTRIBUTION: z.string().max(500).optional(),
  /** Incidents older than this at ingest time fire no alerts (history is not news). */
  ALERT_HORIZON_HOURS: z.coerce.number({ message: 'must be a number' }).positive().max(24 * 365).default(72),
  /**
   * Writes (POST/PUT/PATCH/DELETE) a minute per principal before 429. Raise it for a token that
   * feeds incidents from another system (the default suits people and scripts).
   */
  WRITE_RATE_LIMIT_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1).max(1_000_000).default(600),
  /**
   * Production server only: run single-incident writes (POST /api/incidents) on a dedicated database
   * thread (server/writer/writer-thread.ts). `false` runs them on the request thread.
   */
  WRITER_THREAD: booleanString.default(true),
  /** First admin, created at start when no user exists (see README, Accounts and sign-in). */
  ADMIN_EMAIL: z.string().max(254).email('must be an email address').optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(256).optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parse the environment, reporting one line per bad variable. Empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    cleaned[key] = value === undefined || value.trim() === '' ? undefined : value.trim();
  }
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${/PASSWORD/.test(String(i.path[0])) ? 'a hidden value' : JSON.stringify(cleaned[String(i.path[0])])})`));
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
