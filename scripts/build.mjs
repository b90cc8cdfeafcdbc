/**
 * `npm run build`: the Next.js build, then the server entry, the CLI entry points and the worker
 * threads compiled to plain JavaScript in dist/ (server/runtime/build-stamp.mjs says what and why
 * there), then a stamp, so that `npm start`, `npm run <cli>` and the server run with `node` alone
 * and no TypeScript loader (tsx is a devDependency, absent from `npm ci --omit=dev`).
 *
 * esbuild bundles our modules (resolving the `@/` paths from tsconfig.json) and leaves npm packages
 * external, so better-sqlite3's native addon, Next.js and the rest load from node_modules as they
 * do in development.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUILD_DIR, CLI_ENTRIES, inputsHash, stampContent, stampPath, WORKER_ENTRIES } from '../server/runtime/build-stamp.mjs';

const projectDir = process.cwd();
const started = performance.now();
const out = join(projectDir, BUILD_DIR);
rmSync(out, { recursive: true, force: true });

const next = spawnSync(process.execPath, [join(projectDir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
if (next.status !== 0) process.exit(next.status ?? 1);

// Hashed after `next build`, which may rewrite tsconfig.json (it adds its output folder's types).
const inputs = inputsHash(projectDir);
const t = performance.now();
const entryPoints = [
  ...CLI_ENTRIES.map((name) => ({ in: `scripts/${name}.ts`, out: `bin/${name}` })),
  ...Object.entries(WORKER_ENTRIES).map(([name, source]) => ({ in: source, out: `workers/${name}` })),
];
await build({
  absWorkingDir: projectDir,
  entryPoints,
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  plugins: [externalPackages()],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Shared modules go to chunks once instead of into every entry point.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
});
writeFileSync(stampPath(projectDir), stampContent(projectDir, inputs));
console.log(
  `Compiled the server, ${CLI_ENTRIES.length} command-line entry points and ${Object.keys(WORKER_ENTRIES).length} workers to ${BUILD_DIR}/ in ${Math.round(performance.now() - t)} ms (build ${Math.round((performance.now() - started) / 1000)} s).`,
);

/**
 * Every npm package stays external except JSON files taken from one (i18n-iso-countries' names):
 * those are bundled, as Node 20 refuses to import JSON without an import attribute.
 * @returns {import('esbuild').Plugin}
 */
function externalPackages() {
  return {
    name: 'external-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@/') || args.path.endsWith('.json')) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}
