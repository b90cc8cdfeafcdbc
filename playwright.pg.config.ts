import { defineConfig, type ReporterDescription } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import base, { e2eAdmin } from './playwright.config';

/**
 * The reduced e2e pass on PostgreSQL (docs/scale-out.md, "Testing against PostgreSQL"): the specs
 * tagged `@pg`, against the same production build as playwright.config.ts, served on a fresh
 * database of the TEST_DATABASE_URL server. A config of its own rather than a second project:
 * the web server and global setup belong to a config, and a project here would start a second
 * server (and want PostgreSQL) on every plain `npx playwright test`.
 *
 * scripts/test.sh sets E2E_PG_REQUIRED=1: there a missing server fails the run. By hand, without
 * TEST_DATABASE_URL, the pass reports one skipped test that says why.
 */
const server = process.env.TEST_DATABASE_URL;
if (!server && process.env.E2E_PG_REQUIRED === '1')
  throw new Error('the PostgreSQL e2e pass needs TEST_DATABASE_URL (a server on which it may create a database)');

const port = Number(process.env.E2E_PG_PORT ?? 3101);
const baseURL = `http://127.0.0.1:${port}`;
// Chosen once in the runner; its workers load this file again and inherit the name through env.
if (server && !process.env.E2E_DATABASE_URL) {
  const url = new URL(server);
  url.pathname = `/fw_e2e_${randomBytes(6).toString('hex')}`;
  process.env.E2E_DATABASE_URL = url.toString();
}

const shared = {
  ...base,
  use: { ...base.use, baseURL },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report/pg' }]] satisfies ReporterDescription[],
  outputDir: 'test-results/pg',
};

export default server
  ? defineConfig({
      ...shared,
      // E2E_PG_GREP=. runs every spec on PostgreSQL (several minutes; the @pg ones are the CI pass).
      grep: new RegExp(process.env.E2E_PG_GREP || '@pg\\b'),
      webServer: {
        // Creates the database, serves the app on it and drops the database when stopped.
        command: 'node tests/e2e/pg/serve.mjs',
        url: `${baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'pipe',
        gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
        env: {
          PORT: String(port),
          DATABASE_URL: process.env.E2E_DATABASE_URL!,
          DATABASE_POOL_MAX: '6',
          DEMO_DATA: 'true',
          ADMIN_EMAIL: e2eAdmin.email,
          ADMIN_PASSWORD: e2eAdmin.password,
          NEXT_TELEMETRY_DISABLED: '1',
          LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
        },
      },
    })
  : defineConfig({ ...shared, globalSetup: undefined, webServer: undefined, testMatch: 'pg/unavailable.ts' });
