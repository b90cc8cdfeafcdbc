/**
 * A database on another host, simulated: a TCP proxy on loopback that holds every chunk for
 * --delay-ms milliseconds in each direction before passing it on (2 × delay per round trip), so
 * the cost of a write's round trips shows on one machine. Point the bench at it:
 *   npx tsx bench/pg/delay-proxy.ts --listen 55432 --target 127.0.0.1:5432 --delay-ms 1 &
 *   npm run bench -- --engine postgres --pg-url postgres://user:pw@127.0.0.1:55432/db --only ingest …
 * Order is kept: Node's timers of equal duration fire in the order they were set. The proxy's own
 * CPU is small beside the app's and the same for whatever code is measured through it.
 */
import net from 'node:net';
import { parseArgs } from 'node:util';
import { z } from 'zod';

const { values } = parseArgs({
  options: { listen: { type: 'string' }, target: { type: 'string' }, 'delay-ms': { type: 'string', default: '1' } },
});
const opts = z
  .object({
    listen: z.coerce.number().int().min(1).max(65535),
    target: z.string().regex(/^[\w.-]+:\d{1,5}$/, 'host:port'),
    delayMs: z.coerce.number().int().min(0).max(1000),
  })
  .parse({ listen: values.listen, target: values.target, delayMs: values['delay-ms'] });
const [host, port] = [opts.target.slice(0, opts.target.lastIndexOf(':')), Number(opts.target.slice(opts.target.lastIndexOf(':') + 1))];

/** Passes `from`'s bytes on to `to`, each chunk `delayMs` later; closes `to` as late after `from` closes. */
function delayed(from: net.Socket, to: net.Socket): void {
  from.on('data', (chunk) => setTimeout(() => to.destroyed || to.write(chunk), opts.delayMs));
  from.on('close', () => setTimeout(() => to.destroy(), opts.delayMs));
  from.on('error', () => {}); // the other side's close follows
}

net
  .createServer((client) => {
    const server = net.connect(port, host);
    client.setNoDelay(true);
    server.setNoDelay(true);
    delayed(client, server);
    delayed(server, client);
  })
  .listen(opts.listen, '127.0.0.1', () => console.log(`127.0.0.1:${opts.listen} → ${opts.target}, ${opts.delayMs} ms each way`));
