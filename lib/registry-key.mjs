/**
 * The one globalThis key of the process registry (lib/registry.ts). Plain JavaScript so that
 * scripts/server.mjs, which Next.js does not bundle, reads the same registry as the bundled code.
 * Symbol.for gives the same symbol to every module graph of the process (and to nothing else).
 */
export const REGISTRY_KEY = Symbol.for('frontierWatch.registry');

/** Slot names read outside the bundles. */
export const SLOTS = Object.freeze({
  /** The direct-route dispatcher, published by instrumentation.ts and called by scripts/server.mjs. */
  directDispatch: 'directDispatch',
  /** The thread's logger, published by server/log.mjs and read by db/ through lib/diagnostics.ts. */
  logger: 'logger',
});

/** The process's registry object, created on first use (lib/registry.ts types and uses it). */
export function processRegistry() {
  return (globalThis[REGISTRY_KEY] ??= { singletons: new Map(), closers: new Map() });
}

/** Sets a slot from plain JavaScript (server/log.mjs); TypeScript uses lib/registry.ts. */
export function writeSlot(name, value) {
  processRegistry().singletons.set(name, value);
}

/** The value in a slot, or undefined (for scripts/server.mjs; TypeScript uses lib/registry.ts). */
export function readSlot(name) {
  return globalThis[REGISTRY_KEY]?.singletons.get(name);
}
