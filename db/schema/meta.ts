import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Small key/value store for settings the data depends on (e.g. the zone occurred_day was computed in). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
