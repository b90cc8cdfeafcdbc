import { defineConfig } from 'vitest/config';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Integration files that run on both engines (issue 19): they get their store from the test
 * factory (tests/support/engine.ts: openTestStore, or useTempDb's `store`) and say so with a
 * `// @engines sqlite postgres` line. The others run on SQLite only: those that read SQLite itself
 * (query plans, pragmas, the writer thread) for good, the rest until their services run on both.
 */
const bothEngines = readdirSync(`${root}tests/integration`)
  .filter((f) => f.endsWith('.test.ts') && /^\/\/ @engines sqlite postgres$/m.test(readFileSync(`${root}tests/integration/${f}`, 'utf8')))
  .map((f) => `tests/integration/${f}`);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}` },
      // `server-only` throws outside React Server Components; tests run server code directly.
      { find: /^server-only$/, replacement: `${root}tests/support/server-only.ts` },
    ],
  },
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'] } },
      // Without a server to test on (TEST_DATABASE_URL) the PostgreSQL run is left out; scripts/test.sh always provides one.
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true as const, test: { name: 'postgres', include: bothEngines, env: { TEST_ENGINE: 'postgres' } } }]
        : []),
    ],
  },
});
