/**
 * The values LOG_LEVEL takes: pino's levels, most severe first, and `silent`. Plain JavaScript so
 * scripts/server.mjs (no TypeScript loader) and the env schema (lib/env.ts) read the same list.
 */
export const LOG_LEVELS = /** @type {const} */ (['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
