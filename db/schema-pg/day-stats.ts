import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

const count = (name: string) => integer(name).notNull();

/**
 * The daily rollup SQLite's migration 0003 creates (with 0004's pair index), declared here so
 * drizzle-kit owns the table on PostgreSQL; the PL/pgSQL triggers that keep it exact are custom
 * SQL in migration 0001_search_and_rollup. One row per (local day, region or 'none', group, type).
 */
export const incidentDayStats = pgTable(
  'incident_day_stats',
  {
    day: integer('day').notNull(),
    region: text('region').notNull(),
    groupId: text('group_id').notNull(),
    eventType: text('event_type').notNull(),
    incidents: count('incidents'),
    killed: count('killed'),
    injured: count('injured'),
    killedSecurity: count('killed_security'),
    killedCivilians: count('killed_civilians'),
    killedMilitants: count('killed_militants'),
    killedUnattributed: count('killed_unattributed'),
    injuredSecurity: count('injured_security'),
    injuredCivilians: count('injured_civilians'),
    injuredMilitants: count('injured_militants'),
    injuredUnattributed: count('injured_unattributed'),
    imprecise: count('imprecise'),
    crossBorder: count('cross_border'),
    claimed: count('claimed'),
    demo: count('demo'),
    imported: count('imported'),
    live: count('live'),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.region, t.groupId, t.eventType] }),
    index('incident_day_stats_pair_idx').on(t.region, t.groupId, t.day),
  ],
);
