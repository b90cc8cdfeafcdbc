import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './tests/e2e/chromium';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// Each run starts the built app on a fresh temporary database with demo data.
const dbDir = process.env.E2E_DB_DIR ?? mkdtempSync(join(tmpdir(), 'fw-e2e-'));
process.env.E2E_DB_DIR = dbDir;
export const e2eDatabasePath = join(dbDir, 'e2e.db');
/** The first admin serve.ts creates on the empty e2e database (tests sign in with it). */
/** Where tests/e2e/global-setup.ts keeps the signed-in admin's cookies. */
export const e2eStorageState = join(dbDir, 'admin-state.json');
export const e2eAdmin = { email: 'admin@e2e.test', password: 'e2e-admin-password-1' };

export default defineConfig({
  testDir: 'tests/e2e',
  // Signs in as the ADMIN_EMAIL admin once; every spec's page starts with that session.
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    storageState: e2eStorageState,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: 'node scripts/run.mjs serve',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      DATABASE_PATH: e2eDatabasePath,
      DEMO_DATA: 'true',
      ADMIN_EMAIL: e2eAdmin.email,
      ADMIN_PASSWORD: e2eAdmin.password,
      NEXT_TELEMETRY_DISABLED: '1',
      // One access line per request would bury the test report; failures (warn and up) still show.
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    },
  },
});
