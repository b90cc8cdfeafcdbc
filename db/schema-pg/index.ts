// The PostgreSQL schema: one file per db/schema file, same tables and column names (docs/scale-out.md).
export * from './groups';
export * from './regions';
export * from './import-batches';
export * from './incidents';
export * from './api-tokens';
export * from './events';
export * from './alerts';
export * from './meta';
export * from './auth';
export * from './intake';
export * from './day-stats';
export * from './views';
export * from './subscriptions';
export * from './revisions';
export * from './incident-matches';
