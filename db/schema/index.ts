export * from './groups';
export * from './regions';
export * from './import-batches';
export * from './incidents';
export * from './api-tokens';
export * from './events';
export * from './alerts';
export * from './meta';
