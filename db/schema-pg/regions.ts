import { boolean, pgTable, text } from 'drizzle-orm/pg-core';

/** Mirrors db/schema/regions.ts. */
export const regions = pgTable('regions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  country: text('country').notNull(),
  approximate: boolean('approximate').notNull().default(false),
  description: text('description').notNull(),
});
