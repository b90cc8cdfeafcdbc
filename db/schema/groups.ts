import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const GROUP_KINDS = ['militant', 'state', 'unidentified', 'other'] as const;

/** Perpetrating actors. Militant groups and state forces are kept apart by `kind`. */
export const groups = sqliteTable('groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  abbreviation: text('abbreviation'),
  /** JSON array of alternative names, matched accent- and case-insensitively. */
  aliases: text('aliases').notNull().default('[]'),
  kind: text('kind', { enum: GROUP_KINDS }).notNull().default('militant'),
  /** Parent group for fronts and factions (TJP → TTP). */
  parentId: text('parent_id'),
  affiliation: text('affiliation'),
  colour: text('colour').notNull(),
});

export type GroupRow = typeof groups.$inferSelect;
