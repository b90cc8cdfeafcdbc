/**
 * The ACLED stand-in as a process of its own (the benchmark: the real API is another machine, so
 * its serving must not share the sync's thread). `node --import tsx tests/support/acled-standin-main.ts ROWS`
 * serves ROWS synthetic Pakistan events on 127.0.0.1 and prints `{"base":…,"email":…,"password":…}`.
 */
import { AcledStandin } from './acled-standin';
import { syntheticAcled } from './api-acled';

const rows = Number(process.argv[2] ?? 200_000);
const api = await new AcledStandin().start();
api.events = syntheticAcled(rows);
// A token for reading pages without logging in (the paging floor).
api.access.add('bench-token');
console.log(JSON.stringify({ base: api.base, email: api.email, password: api.password }));
process.on('SIGTERM', () => void api.close().then(() => process.exit(0)));
