import { defineConfig } from 'vitest/config';
import base from './vitest.config.mjs';

/** Reliability scenarios against a real built server: one file at a time (they own ports and CPU). */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // Not the base config's engine projects: these files start their own servers on the database they choose.
    projects: undefined,
    include: ['tests/reliability/**/*.test.ts'],
    fileParallelism: false,
    globalSetup: ['tests/reliability/support/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
