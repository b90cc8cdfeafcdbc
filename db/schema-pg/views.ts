import { boolean, doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant, serialId } from './types';

/** Mirrors db/schema/views.ts. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: serialId(),
    owner: text('owner').notNull(),
    name: text('name').notNull(),
    query: text('query').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    zoom: integer('zoom').notNull(),
    shared: boolean('shared').notNull().default(false),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('saved_views_owner_name_idx').on(t.owner, t.name), index('saved_views_shared_idx').on(t.shared)],
);

export const startViews = pgTable('start_views', {
  owner: text('owner').primaryKey(),
  viewId: integer('view_id')
    .notNull()
    .references(() => savedViews.id, { onDelete: 'cascade' }),
});
