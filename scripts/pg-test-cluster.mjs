#!/usr/bin/env node
// A throwaway PostgreSQL cluster for the test command (scripts/test.sh; docs/scale-out.md,
// "Testing against PostgreSQL"):
//   node scripts/pg-test-cluster.mjs start [DIR]  prints `export TEST_DATABASE_URL=…` and
//                                                 `export PG_TEST_CLUSTER_DIR=…` for the shell to eval
//   node scripts/pg-test-cluster.mjs stop DIR     stops that cluster and removes DIR
// The cluster lives in DIR (a new temp folder by default), listens on 127.0.0.1 only, on a free
// port, with no Unix socket, and runs with fsync off: it holds test data only.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MARKER = '.frontier-watch-test-cluster';
const ADMIN = 'fw_admin';
const ROLE = 'fw_test';
const DATABASE = 'fw_test';
/** initdb refuses root: as root, the cluster runs as this user (Debian's package creates it). */
const SERVER_USER = process.env.PG_TEST_USER || 'postgres';

const SETTINGS = [
  "listen_addresses = '127.0.0.1'",
  // No socket in /var/run/postgresql or /tmp that another cluster or user could collide with.
  "unix_socket_directories = ''",
  // Test data only: losing it in a power cut costs nothing, syncing it costs seconds per run.
  'fsync = off',
  'full_page_writes = off',
  'max_connections = 200',
];

class ClusterError extends Error {}

/** The bin folder with initdb and pg_ctl: PG_BIN, or the newest under /usr/lib/postgresql. */
function findBin() {
  const complete = (dir) => ['initdb', 'pg_ctl', 'psql'].every((tool) => existsSync(join(dir, tool)));
  if (process.env.PG_BIN) {
    if (complete(process.env.PG_BIN)) return process.env.PG_BIN;
    throw new ClusterError(`PG_BIN=${process.env.PG_BIN} has no initdb, pg_ctl and psql`);
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  for (const version of versions.sort((a, b) => Number(b) - Number(a))) {
    if (complete(join(root, version, 'bin'))) return join(root, version, 'bin');
  }
  throw new ClusterError('no initdb/pg_ctl under /usr/lib/postgresql/*/bin: run scripts/ensure-postgres.sh, or set PG_BIN');
}

/** Runs a tool; as root, under the cluster's owner (numeric ids through setpriv, no PAM session). */
function run(tool, args, { owner, input, dir, env } = {}) {
  const [cmd, argv] =
    owner && process.getuid?.() === 0
      ? ['setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--clear-groups', tool, ...args]]
      : [tool, args];
  // cwd inside the cluster folder: the server user may not be able to read the caller's folder.
  const result = spawnSync(cmd, argv, { cwd: dir, input, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.error) throw new ClusterError(`${tool}: ${result.error.message}`);
  return result;
}

function mustRun(tool, args, options) {
  const result = run(tool, args, options);
  if (result.status !== 0)
    throw new ClusterError(`${tool.split('/').pop()} failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
  return result;
}

/** The uid/gid the server runs as: ours when unprivileged; as root, SERVER_USER's. */
function serverOwner() {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', SERVER_USER], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', SERVER_USER], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0)
    throw new ClusterError(
      `running as root, and there is no user "${SERVER_USER}" to run PostgreSQL as (initdb refuses root): install Debian's postgresql package, or set PG_TEST_USER to an unprivileged user`,
    );
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function start(dirArg) {
  const began = Date.now();
  const bin = findBin();
  const owner = serverOwner();
  const dir = dirArg ?? mkdtempSync(join(tmpdir(), 'fw-pgtest-'));
  if (!existsSync(dir) || readdirSync(dir).length > 0) throw new ClusterError(`${dir} must be an empty folder`);
  writeFileSync(join(dir, MARKER), 'a throwaway PostgreSQL cluster of scripts/pg-test-cluster.mjs\n');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  try {
    const data = join(dir, 'data');
    const adminPassword = randomBytes(18).toString('hex');
    const password = randomBytes(18).toString('hex');
    const pwfile = join(dir, 'admin-password');
    writeFileSync(pwfile, `${adminPassword}\n`, { mode: 0o600 });
    if (owner) chownSync(pwfile, owner.uid, owner.gid);
    mustRun(
      join(bin, 'initdb'),
      ['-D', data, '-U', ADMIN, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
      { owner, dir },
    );
    rmSync(pwfile);
    writeFileSync(
      join(data, 'postgresql.conf'),
      `${readFileSync(join(data, 'postgresql.conf'), 'utf8')}\n# scripts/pg-test-cluster.mjs\n${SETTINGS.join('\n')}\n`,
    );
    const port = await startServer(bin, dir, data, owner);
    // The app's role owns its database and may create others (a test may want one of its own), but is no superuser.
    mustRun(
      join(bin, 'psql'),
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', ADMIN, '-d', 'postgres'],
      {
        dir,
        input: `CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${password}';\nCREATE DATABASE ${DATABASE} OWNER ${ROLE};\n`,
        env: { PGPASSWORD: adminPassword },
      },
    );
    const version = mustRun(join(bin, 'pg_ctl'), ['--version']).stdout.trim();
    process.stderr.write(`${version}: test cluster on 127.0.0.1:${port} in ${dir} (${((Date.now() - began) / 1000).toFixed(1)} s)\n`);
    process.stdout.write(
      `export TEST_DATABASE_URL='postgres://${ROLE}:${password}@127.0.0.1:${port}/${DATABASE}'\nexport PG_TEST_CLUSTER_DIR='${dir}'\n`,
    );
  } catch (err) {
    stop(dir);
    throw err;
  }
}

/** pg_ctl start on a free port; another process may take that port first, so try a few. */
async function startServer(bin, dir, data, owner) {
  const log = join(dir, 'server.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const result = run(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '30', '-o', `-p ${port}`, 'start'], { owner, dir });
    if (result.status === 0) return port;
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : result.stderr;
    if (attempt >= 3 || !/could not bind|already in use/i.test(tail)) throw new ClusterError(`the server did not start:\n${tail}`);
  }
}

/** Stops the cluster in DIR (immediately: its data is thrown away) and removes DIR. */
function stop(dir) {
  if (!dir || !existsSync(dir)) return;
  if (!existsSync(join(dir, MARKER))) {
    if (readdirSync(dir).length === 0) return rmSync(dir, { recursive: true });
    throw new ClusterError(`${dir} is not a test cluster of this script (no ${MARKER}): not removing it`);
  }
  const data = join(dir, 'data');
  const pidFile = join(data, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const { uid, gid } = statSync(data);
    const result = run(join(findBin(), 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', '-t', '20', 'stop'], { owner: { uid, gid }, dir });
    if (result.status !== 0 && existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (pid > 1) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone: only the folder is left to remove.
        }
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

const [command, dir] = process.argv.slice(2);
try {
  if (command === 'start') await start(dir);
  else if (command === 'stop' && dir) stop(dir);
  else throw new ClusterError('usage: node scripts/pg-test-cluster.mjs start [DIR] | stop DIR');
} catch (err) {
  process.stderr.write(`pg-test-cluster: ${err instanceof ClusterError ? err.message : (err?.stack ?? String(err))}\n`);
  process.exit(1);
}
