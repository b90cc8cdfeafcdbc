import { parseArgs } from 'node:util';
import { z } from 'zod';

export const SCENARIO_NAMES = [
  'import',
  'list',
  'map',
  'browser',
  'ingest',
  'live',
  'alerts',
  'weekly',
  'frontend',
  // Lighthouse 12, mobile preset, on the dashboard, the weekly index and a weekly brief.
  'lighthouse',
  'poll',
  'reports',
  'intake',
  // Streams the full and a one-year export, CSV and GeoJSON.
  'export',
  'acled-sync',
  // PostgreSQL only: two app instances behind one load generator.
  'instances',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

const schema = z.object({
  count: z.coerce.number().int().min(1000).max(5_000_000).default(1_000_000),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(20241215),
  runs: z.coerce.number().int().min(1).max(20).default(3),
  /** Full imports of N rows (the initial load counts as one); defaults to --runs. */
  importRuns: z.coerce.number().int().min(1).max(20).optional(),
  only: z
    .string()
    .default(SCENARIO_NAMES.join(','))
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(SCENARIO_NAMES)).min(1)),
  // Any unprivileged port (the comparison page takes the next one), so parallel checkouts can bench side by side.
  port: z.coerce.number().int().min(1024).max(65534).default(3800),
  build: z.enum(['auto', 'always', 'never']).default('auto'),
  work: z.string().default('/tmp/fw-bench'),
  engine: z.enum(['sqlite', 'postgres']).default('sqlite'),
  /** PostgreSQL server on which the bench creates its own databases (any database name in the URL). */
  pgUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//i, 'a postgres:// URL')
    .optional(),
});

export type BenchArgs = z.infer<typeof schema>;

export const USAGE = `npm run bench -- [--count 1000000] [--only ${SCENARIO_NAMES.join(',')}] [--runs 3] [--import-runs R] [--seed N] [--port 3800] [--build auto|always|never] [--work /tmp/fw-bench] [--engine sqlite|postgres] [--pg-url postgres://… (default TEST_DATABASE_URL or DATABASE_URL)]`;

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'import-runs': { type: 'string' },
      only: { type: 'string' },
      port: { type: 'string' },
      build: { type: 'string' },
      work: { type: 'string' },
      engine: { type: 'string' },
      'pg-url': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const pgUrl = values['pg-url'] ?? (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined);
  const parsed = schema.safeParse({
    ...values,
    importRuns: values['import-runs'],
    pgUrl: values.engine === 'postgres' ? pgUrl : undefined,
  });
  if (!parsed.success) {
    console.error(`bench: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.data.engine === 'postgres' && !parsed.data.pgUrl) {
    console.error(`bench: --engine postgres needs --pg-url (or TEST_DATABASE_URL / DATABASE_URL)\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.data.runs < 3) console.warn('bench: fewer than 3 runs — medians are not comparable with docs/benchmarks.md');
  return parsed.data;
}
