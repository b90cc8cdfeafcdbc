/**
 * The production HTTP server, started by scripts/serve.ts: Next.js in-process (as `next start`
 * runs it), with the direct routes that instrumentation.ts installs (server/http/direct-routes.ts)
 * served before Next.js's router. Plain JavaScript: the server process needs no TypeScript loader.
 * Shutdown as `next start` does it: stop accepting, let in-flight requests finish (event streams
 * are told to reconnect by server/reliability/shutdown.ts), close Next.js, exit 143 (SIGTERM) or 130.
 *
 * Environment: PORT (default 3000), HOST (default 127.0.0.1); NEXT_DIST_DIR via next.config.js.
 */
import { createServer } from 'node:http';
import { readSlot, SLOTS } from '../lib/registry-key.mjs';

// Before Next.js loads: it reads NODE_ENV at import time.
process.env.NODE_ENV = 'production';
const { default: next } = await import('next');

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';
// scripts/serve.ts validates PORT (lib/env.ts); this guards direct starts of this file.
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a whole number from 1 to 65535, not "${process.env.PORT}"`);
  process.exit(2);
}

const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const direct = readSlot(SLOTS.directDispatch);
  if (typeof direct === 'function' && direct(req, res)) return;
  handle(req, res).catch((err) => {
    console.error('[server] request failed', err);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

server.on('error', (err) => {
  console.error(`[server] cannot listen on ${hostname}:${port}: ${err.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`Ready on http://${hostname}:${port}`));

let closing = false;
for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    // close() waits for open connections; idle keep-alive ones are closed at once.
    server.close(async (err) => {
      if (err) console.error('[server] close failed', err);
      await app.close().catch((e) => console.error('[server] Next.js close failed', e));
      process.exit(code);
    });
  });
}
