import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One committed import: a ledger so provenance and re-runs can be explained. */
export const importBatches = sqliteTable('import_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name'),
  format: text('format', { enum: ['acled', 'native'] }).notNull(),
  checksum: text('checksum').notNull(),
  rows: integer('rows').notNull(),
  inserted: integer('inserted').notNull(),
  updated: integer('updated').notNull(),
  unchanged: integer('unchanged').notNull(),
  createdBy: text('created_by'),
  createdAt: integer('created_at').notNull(),
});
