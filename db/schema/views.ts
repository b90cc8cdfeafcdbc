import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Saved dashboard views (issue 20): a name for a dashboard URL's query string plus a map position.
 * `owner` is the principal id that saved it (`user:3`, or `token:7` for an API client), so a view
 * outlives nothing it depends on and an API token can keep views as a user does. `shared` (set by
 * admins only) publishes a view to every signed-in user.
 */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    owner: text('owner').notNull(),
    name: text('name').notNull(),
    query: text('query').notNull(),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    zoom: integer('zoom').notNull(),
    shared: integer('shared', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('saved_views_owner_name_idx').on(t.owner, t.name), index('saved_views_shared_idx').on(t.shared)],
);

/** Each principal's start page: at most one view, which opens on `/` without a query. */
export const startViews = sqliteTable('start_views', {
  owner: text('owner').primaryKey(),
  viewId: integer('view_id')
    .notNull()
    .references(() => savedViews.id, { onDelete: 'cascade' }),
});
