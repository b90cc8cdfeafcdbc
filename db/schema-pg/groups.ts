import { pgTable, text } from 'drizzle-orm/pg-core';
import { GROUP_KINDS } from '../schema/groups';

/** Mirrors db/schema/groups.ts. `aliases` stays JSON text (see docs/scale-out.md on jsonb). */
export const groups = pgTable('groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  abbreviation: text('abbreviation'),
  aliases: text('aliases').notNull().default('[]'),
  kind: text('kind', { enum: GROUP_KINDS }).notNull().default('militant'),
  parentId: text('parent_id'),
  affiliation: text('affiliation'),
  colour: text('colour').notNull(),
});
