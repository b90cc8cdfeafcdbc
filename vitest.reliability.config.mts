import { defineConfig } from 'vitest/config';
import base from './vitest.config.mjs';

// The unit and integration projects (one per engine) are not this run's: it has its own include.
const { projects: _projects, ...baseTest } = base.test ?? {};

/** Reliability scenarios against a real built server: one file at a time (they own ports and CPU). */
export default defineConfig({
  ...base,
  test: {
    ...baseTest,
    include: ['tests/reliability/**/*.test.ts'],
    fileParallelism: false,
    globalSetup: ['tests/reliability/support/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
