import { z } from 'zod';
import { flagString } from '@/lib/validation/flag';
import { proxyHops } from '@/lib/proxy-hops.mjs';
import { LOG_LEVELS } from '@/lib/log-levels.mjs';
import { checkPostgresUrl, redactPostgresUrl } from '@/lib/postgres-url';
import { isMailAddress } from '@/lib/mail/headers';
import { redactSmtpUrl, smtpUrlProblem } from '@/lib/mail/smtp-url';
import { parseDigestTime, parseDigestWeekday } from '@/lib/mail/digest-schedule';
import { isSecretsKeyText } from '@/lib/secrets/key-format';

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
  /**
   * PostgreSQL as the shared store (docs/scale-out.md); without it, SQLite at DATABASE_PATH.
   * Holds a password: never echoed (see parseEnv).
   */
  DATABASE_URL: z
    .string()
    .max(4096)
    .superRefine((url, ctx) => {
      const checked = checkPostgresUrl(url);
      if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.problem });
    })
    .optional(),
  /** Connections each app instance opens to PostgreSQL at most (see DATABASE_URL). */
  DATABASE_POOL_MAX: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(10),
  REPORT_TIME_ZONE: z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Karachi' }).default('Asia/Karachi'),
  DEMO_DATA: booleanString.default(true),
  /** Optional raster tile layer (e.g. https://tile.example.org/{z}/{x}/{y}.png); the default basemap is offline vector data. */
  TILE_URL: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/, 'must be an http(s) URL template containing {z}, {x} and {y}')
    .optional(),
  TILE_ATTRIBUTION: z.string().max(500).optional(),
  /** Incidents older than this at ingest time fire no alerts (history is not news). */
  ALERT_HORIZON_HOURS: z.coerce
    .number({ message: 'must be a number' })
    .positive()
    .max(24 * 365)
    .default(72),
  /**
   * Writes (POST/PUT/PATCH/DELETE) a minute per principal before 429. Raise it for a token that
   * feeds incidents from another system (the default suits people and scripts).
   */
  WRITE_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1)
    .max(1_000_000)
    .default(600),
  /**
   * Production server only: run single-incident writes (POST /api/incidents) on a dedicated database
   * thread (server/writer/writer-thread.ts). `false` runs them on the request thread.
   */
  WRITER_THREAD: booleanString.default(true),
  /**
   * Server only: poll the enabled feed sources and sync the ACLED sources on their intervals
   * (server/intake/poll-scheduler.ts).
   * `false` leaves polling to `npm run intake` (e.g. from cron) or to POST /api/sources/{id}/fetch.
   */
  INTAKE_POLL: booleanString.default(true),
  /**
   * Reverse proxies in front of the server (false, true = 1, or 1-9). Only then are
   * X-Forwarded-For / -Proto / -Host believed (rate limits, Secure cookies, CSRF host check).
   */
  TRUST_PROXY: z
    .string()
    .max(10)
    .optional()
    .transform((v, ctx) => {
      const hops = proxyHops(v);
      if (hops === null) ctx.addIssue({ code: 'custom', message: 'must be false, true or the number of proxies in front (1-9)' });
      return hops ?? 0;
    }),
  /** First admin, created at start when no user exists (see README, Accounts and sign-in). */
  ADMIN_EMAIL: z.string().max(254).email('must be an email address').optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(256).optional(),
  /**
   * 32 random bytes (64 hex digits or base64) sealing stored credentials such as an ACLED source's
   * password (AES-256-GCM). Without it, sources that need a password are refused. Never echoed.
   */
  SECRETS_KEY: z
    .string()
    .max(200)
    .refine(isSecretsKeyText, { message: 'must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)' })
    .optional(),
  /** Lowest level written to the JSON log on stdout (server/log.mjs); `silent` writes none. */
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  /** Mail relay for digests and alerts (docs/mail.md); unset, subscriptions are kept and nothing is sent. Holds a password: never echoed. */
  SMTP_URL: z
    .string()
    .max(2048)
    .superRefine((url, ctx) => {
      const problem = smtpUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** The From address of every mail; required with SMTP_URL. */
  SMTP_FROM: z.string().refine(isMailAddress, 'must be one plain email address such as brief@example.org').optional(),
  /** Day the weekly brief goes out: 1-7 (Monday = 1) or mon…sun. */
  DIGEST_WEEKDAY: z
    .string()
    .max(10)
    .optional()
    .transform((v, ctx) => {
      const day = parseDigestWeekday(v ?? '1');
      if (day === null) ctx.addIssue({ code: 'custom', message: 'must be 1-7 (Monday = 1) or mon, tue, wed, thu, fri, sat, sun' });
      return day ?? 1;
    }),
  /** Local time (REPORT_TIME_ZONE) the weekly brief goes out, HH:MM. */
  DIGEST_TIME: z
    .string()
    .max(10)
    .optional()
    .transform((v, ctx) => {
      const time = parseDigestTime(v ?? '08:00');
      if (time === null) ctx.addIssue({ code: 'custom', message: 'must be a 24-hour time HH:MM such as 08:00' });
      return time ?? { hour: 8, minute: 0 };
    }),
  /** Where readers reach this server (links in mails: brief, alerts, unsubscribe), e.g. https://watch.example.org. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://watch.example.org' })
    .max(500)
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
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
    throw new EnvError(
      result.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${shown(String(i.path[0]), cleaned[String(i.path[0])])})`),
    );
  }
  if (result.data.SMTP_URL && !result.data.SMTP_FROM)
    throw new EnvError(['SMTP_FROM: must be set when SMTP_URL is (the sender address of every mail)']);
  return result.data;
}

/** A bad value as an error may show it: secrets hidden, a database URL without its password. */
function shown(key: string, value: string | undefined): string {
  if (/PASSWORD|SECRET/.test(key)) return 'a hidden value';
  if (key === 'DATABASE_URL' && value !== undefined) return JSON.stringify(redactPostgresUrl(value));
  if (key === 'SMTP_URL' && value !== undefined) return JSON.stringify(redactSmtpUrl(value));
  return JSON.stringify(value);
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
