/**
 * The production HTTP server, started by scripts/serve.ts: Next.js in-process (as `next start`
 * runs it), with the direct routes that instrumentation.ts installs (server/http/direct-routes.ts)
 * served before Next.js's router. Plain JavaScript: the server process needs no TypeScript loader.
 * Shutdown as `next start` does it: stop accepting, let in-flight requests finish (event streams
 * are told to reconnect by server/reliability/shutdown.ts), close Next.js, exit 143 (SIGTERM) or 130.
 *
 * Every request gets an id (server/request-id.mjs), echoed as X-Request-Id and written on its access
 * line (server/access-log.mjs). Logs are JSON lines on stdout (server/log.mjs); the one line for
 * people is the ready line, sent to scripts/serve.ts when it started us (it adds the demo password).
 *
 * Environment: PORT (default 3000), HOST (default 127.0.0.1), TRUST_PROXY, LOG_LEVEL; NEXT_DIST_DIR via next.config.js.
 */
import { createServer } from 'node:http';
import { readSlot, SLOTS } from '../lib/registry-key.mjs';
import { applyProxyTrust, proxyHops } from '../server/security/proxy-trust.mjs';
import { logAccess } from '../server/access-log.mjs';
import { log, routeConsoleToLog } from '../server/log.mjs';
import { REQUEST_ID_HEADER, requestId } from '../server/request-id.mjs';

// Next.js prints with console.*: as JSON lines too.
routeConsoleToLog();
// Before Next.js loads: it reads NODE_ENV at import time.
process.env.NODE_ENV = 'production';
const { default: next } = await import('next');

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';
// scripts/serve.ts validates PORT (lib/env.ts); this guards direct starts of this file.
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  log.fatal({ port: process.env.PORT }, 'PORT must be a whole number from 1 to 65535');
  process.exit(2);
}

const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// scripts/serve.ts validates TRUST_PROXY (lib/env.ts); 0 = forwarding headers are the client's own.
const trustedProxies = proxyHops(process.env.TRUST_PROXY) ?? 0;

const server = createServer((req, res) => {
  applyProxyTrust(req, trustedProxies);
  // Chosen before any handler runs, so Next.js's and the direct routes' handlers read the same id.
  const id = requestId(req.headers[REQUEST_ID_HEADER]);
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader('X-Request-Id', id);
  logAccess(req, res, id);
  const direct = readSlot(SLOTS.directDispatch);
  if (typeof direct === 'function' && direct(req, res)) return;
  handle(req, res).catch((err) => {
    log.error({ reqId: id, err }, 'request failed');
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

server.on('error', (err) => {
  log.fatal({ err, hostname, port }, 'cannot listen');
  process.exit(1);
});
server.listen(port, hostname, () => {
  const url = `http://${hostname}:${port}`;
  log.info({ url }, 'listening');
  // scripts/serve.ts prints the line for people (with the demo admin's password); alone, we do.
  // (Only over serve.ts's channel: another supervisor's IPC, such as pm2's, is left alone.)
  if (process.send && process.env.FRONTIER_WATCH_READY_IPC === '1') process.send({ type: 'ready', url }, () => process.disconnect());
  else process.stdout.write(`Frontier Watch is ready on ${url}\n`);
});

let closing = false;
for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGINT', 130],
]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    // close() waits for open connections; idle keep-alive ones are closed at once.
    server.close(async (err) => {
      if (err) log.error({ err }, 'server close failed');
      await app.close().catch((e) => log.error({ err: e }, 'Next.js close failed'));
      process.exit(code);
    });
  });
}
