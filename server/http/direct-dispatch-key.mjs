/**
 * The globalThis slot through which instrumentation.ts (server/http/direct-routes.ts) hands the
 * direct-route dispatcher to scripts/server.mjs: both run in the server process. Plain JavaScript,
 * so the server reads it without a TypeScript loader.
 */
export const DIRECT_DISPATCH_KEY = 'frontierWatchDirectRoutes';
