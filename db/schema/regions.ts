import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The monitored regions; boundaries live in lib/geo/regions.json (generated, committed). */
export const regions = sqliteTable('regions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  country: text('country').notNull(),
  approximate: integer('approximate', { mode: 'boolean' }).notNull().default(false),
  description: text('description').notNull(),
});
