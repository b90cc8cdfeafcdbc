/** Sizes of every scenario: the CI variant by default, the long one with REL_LONG=1 (`npm run test:reliability -- --long`). */
export const LONG = process.env.REL_LONG === '1';

export const DIST_DIR = process.env.REL_DIST_DIR || '.next-rel';
/** Ports 3900–3939 belong to these tests: 3900–3914 for the CI variant, 3920–3934 for --long, so both can run at once. */
const BASE = LONG ? 3920 : 3900;
export const PORTS = {
  kill: BASE,
  shutdown: BASE + 2,
  load: BASE + 4,
  writers: BASE + 6, // and +7
  hostile: BASE + 9, // and +10, +11
  logs: BASE + 12,
} as const;

export const SIZES = {
  killPosts: LONG ? 10 : 4, // kill -9 rounds during single POSTs
  killImports: LONG ? 6 : 3, // kill -9 rounds during a large import (API and CLI alternately)
  importRows: LONG ? 10_000 : 2_500,
  cliImportRows: LONG ? 20_000 : 2_500,
  sseClients: LONG ? 200 : 50,
  loadSeconds: LONG ? 60 : 10,
  writerSeconds: LONG ? 30 : 6,
  propertyRuns: LONG ? 300 : 40,
};

/** Deterministic but overridable seed: failures print it, REL_SEED=<n> replays one. */
export const SEED = Number(process.env.REL_SEED ?? 20261125);
