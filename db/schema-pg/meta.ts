import { pgTable, text } from 'drizzle-orm/pg-core';

/** Mirrors db/schema/meta.ts. */
export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
