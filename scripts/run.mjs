/**
 * `node scripts/run.mjs <command> [args…]`, behind `npm run serve`, `import`, `seed` and the other
 * command-line scripts: runs the compiled command when the build is current, so they need no dev
 * dependencies; the sources through tsx otherwise (scripts/lib/launch.mjs).
 */
import { launch } from './lib/launch.mjs';

const [name = '', ...args] = process.argv.slice(2);
await launch(name, args);
