import { test } from '@playwright/test';

// Run by playwright.pg.config.ts in place of the @pg specs when TEST_DATABASE_URL is unset, so
// the report says why nothing ran instead of passing an empty run.
test('PostgreSQL e2e pass: TEST_DATABASE_URL is not set (see docs/scale-out.md, "Testing against PostgreSQL")', () => {
  test.skip(true, 'TEST_DATABASE_URL is not set');
});
