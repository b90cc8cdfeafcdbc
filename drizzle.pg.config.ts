import { defineConfig } from 'drizzle-kit';

// The PostgreSQL twin of drizzle.config.ts: `npm run db:generate:pg` writes db/migrations-pg from
// db/schema-pg. Every schema change is made on both; tests/unit/pg-schema-parity.test.ts holds it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema-pg/index.ts',
  out: './db/migrations-pg',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/frontier_watch' },
  strict: true,
  verbose: false,
});
