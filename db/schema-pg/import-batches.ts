import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { bytea, instant, serialId } from './types';

/** Mirrors db/schema/import-batches.ts; `changed_ids` keeps the same float64 little-endian bytes. */
export const importBatches = pgTable('import_batches', {
  id: serialId(),
  fileName: text('file_name'),
  format: text('format', { enum: ['acled', 'native', 'ucdp', 'gtd'] }).notNull(),
  checksum: text('checksum').notNull(),
  rows: integer('rows').notNull(),
  inserted: integer('inserted').notNull(),
  updated: integer('updated').notNull(),
  unchanged: integer('unchanged').notNull(),
  createdBy: text('created_by'),
  createdAt: instant('created_at').notNull(),
  changedIds: bytea('changed_ids'),
});
