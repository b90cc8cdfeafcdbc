/**
 * `npm run test:reliability [-- --long] [vitest args…]`: the CI-sized scenarios by default,
 * the long ones (200 SSE clients for 60 s, more kills, bigger imports) with --long or REL_LONG=1.
 */
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const long = args.includes('--long') || process.env.REL_LONG === '1';
const rest = args.filter((a) => a !== '--long');
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.reliability.config.mts', ...rest], {
  stdio: 'inherit',
  env: { ...process.env, REL_LONG: long ? '1' : '0', NEXT_TELEMETRY_DISABLED: '1' },
});
process.exit(r.status ?? 1);
