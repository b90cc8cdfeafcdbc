/**
 * `npm start`: builds only when the build is not current (server/runtime/build-stamp.mjs compares
 * a hash of the sources, lockfile and config with the one the last build recorded: ~10 ms on an
 * idle machine, tens of ms on a busy one), then serves (scripts/serve.ts, compiled).
 */
import { spawnSync } from 'node:child_process';
import { buildState } from '../server/runtime/build-stamp.mjs';
import { launch } from './lib/launch.mjs';

const t = performance.now();
const state = buildState(process.cwd());
if (state.current) {
  console.log(`The build is current (checked in ${Math.round(performance.now() - t)} ms): starting without building.`);
} else {
  console.log(`Building first (${state.reason}).`);
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
await launch('serve', process.argv.slice(2));
