import { closeStore, openStore } from '@/db/store';
import { createApiToken } from '@/db/services/tokens';
import type { Role } from '@/lib/auth/roles';
import { e2eDatabasePath } from '../../playwright.config';

/**
 * The database the app under test runs on: the PostgreSQL database playwright.pg.config.ts made
 * (E2E_DATABASE_URL), else the SQLite file of playwright.config.ts. Specs that write fixtures
 * straight to the database go through here, so the same spec runs on either engine.
 */
export function e2eStoreTarget(): string {
  return process.env.E2E_DATABASE_URL || e2eDatabasePath;
}

/** A bearer token for the spec's API calls, created in the app's database. */
export async function e2eApiToken(name: string, role: Role = 'analyst'): Promise<string> {
  const store = openStore(e2eStoreTarget(), { poolMax: 1 });
  try {
    return (await createApiToken(store, { name, role })).token;
  } finally {
    await closeStore(store);
  }
}
