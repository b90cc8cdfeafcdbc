#!/usr/bin/env node
// The web server of playwright.pg.config.ts: creates the empty database DATABASE_URL names on the
// TEST_DATABASE_URL server, runs the built app on it (`node scripts/run.mjs serve`: migrations,
// demo data, the first admin, as on SQLite), and drops the database once the app has exited.
// Dropping belongs here rather than in a global teardown: Playwright runs that while the web
// server still runs, and the app would lose its connections mid-request.
import { spawn } from 'node:child_process';
import pg from 'pg';

const server = process.env.TEST_DATABASE_URL;
const target = process.env.DATABASE_URL;
if (!server || !target) {
  console.error('tests/e2e/pg/serve.mjs: TEST_DATABASE_URL and DATABASE_URL must both be set');
  process.exit(2);
}
const name = new URL(target).pathname.slice(1);
// The name goes into SQL text (CREATE DATABASE takes no parameters): accept only the config's shape.
if (!/^fw_e2e_[0-9a-f]{12}$/.test(name)) {
  console.error(`tests/e2e/pg/serve.mjs: unexpected database name ${JSON.stringify(name)}`);
  process.exit(2);
}

async function onServer(statement) {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function drop() {
  // WITH (FORCE) cannot end an autovacuum worker's session (42501): it moves on within seconds.
  for (let attempt = 1; ; attempt++) {
    try {
      return await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch (err) {
      if (err?.code !== '42501' || attempt >= 25) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

// A UTF-8 ctype, as migration 0001 (full-text search) checks; template0 so no locale is inherited.
await onServer(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);

const app = spawn(process.execPath, ['scripts/run.mjs', 'serve'], { stdio: 'inherit' });
// Playwright signals the whole process group (gracefulShutdown), so the app hears it directly;
// passing it on covers a signal sent to this process alone (a second one changes nothing).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => {
  drop().then(
    () => process.exit(code ?? (signal ? 0 : 1)),
    (err) => {
      console.error(`tests/e2e/pg/serve.mjs: could not drop ${name}: ${err?.message ?? err}`);
      process.exit(1);
    },
  );
});
