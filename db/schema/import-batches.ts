import { blob, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One committed import: a ledger so provenance and re-runs can be explained. */
export const importBatches = sqliteTable('import_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name'),
  format: text('format', { enum: ['acled', 'native', 'ucdp', 'gtd'] }).notNull(),
  checksum: text('checksum').notNull(),
  rows: integer('rows').notNull(),
  inserted: integer('inserted').notNull(),
  updated: integer('updated').notNull(),
  unchanged: integer('unchanged').notNull(),
  createdBy: text('created_by'),
  createdAt: integer('created_at').notNull(),
  /**
   * The ids of the incidents the batch inserted or updated (float64 little-endian), when there are
   * at most IMPORT_CHANGED_IDS_MAX (db/changed-ids.ts) of them: the in-memory incident index catches up on a large
   * import's single outbox row from this list instead of scanning the table. Null above the limit
   * (the index reloads anyway) and for batches imported before it existed.
   */
  changedIds: blob('changed_ids', { mode: 'buffer' }),
});
