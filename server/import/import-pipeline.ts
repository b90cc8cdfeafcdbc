import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ImportJob, ImportWorkerData, ImportWorkerMessage } from '@/server/import/worker-protocol';
import { workerEntry } from '@/server/runtime/worker-entry';
import { log } from '@/server/log.mjs';

/** Below this many characters a worker's start-up costs more than it saves. */
export const PIPELINE_MIN_CHARS = 4 * 1024 * 1024;
const STARTUP_MS = 20_000;
const STALL_MS = 120_000;
let unavailableLogged = false;

/**
 * Source that starts the worker (server/import/worker.ts): compiled by `npm run build`, or the sources
 * through tsx in a checkout whose build is not current (server/runtime/worker-entry.ts decides); a
 * load failure is posted as `failed`. Null, with the reason logged once, when neither can run: the
 * import then parses on this thread.
 */
function bootstrap(): string | null {
  const entry = workerEntry(
    'import',
    process.cwd(),
    `const d = require('node:worker_threads').workerData;
  d.port.postMessage({ type: 'failed', message: String(e && e.stack || e) });
  Atomics.add(d.signal, 0, 1);
  Atomics.notify(d.signal, 0);`,
  );
  if (entry.ok) return entry.code;
  if (!unavailableLogged) unavailable(entry.why);
  unavailableLogged = true;
  return null;
}

/** The import goes on without the worker (rows parsed on the writing thread, slower): say why. */
function unavailable(why: string): null {
  log.warn({ component: 'import', why }, 'the import worker did not start; rows are read on the writing thread');
  return null;
}

/**
 * A worker that parses, validates and normalizes files (server/import/worker.ts), one job after
 * another, while this thread writes. `next()` blocks on Atomics.wait, so on SQLite nothing else
 * runs on the connection while the transaction waits for rows (its sink resolves at once, so the
 * feed never yields to I/O); on PostgreSQL the sink's wait for COPY to drain lets the socket flush
 * between batches.
 */
export class ImportFeed {
  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
  ) {}

  /**
   * Starts the worker, hands it `first`, and waits until it runs; null when no worker can run
   * here. `meanwhile` runs on this thread while the worker loads its modules.
   */
  static start(first: ImportJob, meanwhile?: () => void): ImportFeed | null {
    const code = bootstrap();
    // By design in the bundled server (see bootstrap): not worth a line.
    if (code === null) return null;
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const data: ImportWorkerData = { port: port2, signal };
    let feed: ImportFeed;
    try {
      // A larger young generation: the worker allocates a few objects per cell and row, and with
      // the default size much of its time went to scavenges. The worker is at times as slow as the
      // writer, so this shortens a whole import; larger sizes gained nothing more (measurements:
      // docs/benchmarks.md, "Numbers behind code comments").
      const resourceLimits = { maxYoungGenerationSizeMb: 128 };
      feed = new ImportFeed(new Worker(code, { eval: true, workerData: data, transferList: [port2], resourceLimits }), port1, signal);
    } catch (err) {
      return unavailable(String(err));
    }
    feed.worker.unref();
    // A worker that fails to load or dies is noticed by its silence (poll), not by this event.
    feed.worker.on('error', () => {});
    // Queued until the worker listens: it starts on the file as soon as it has loaded.
    feed.submit(first);
    try {
      meanwhile?.();
    } catch (err) {
      feed.close();
      throw err;
    }
    const ready = feed.poll(STARTUP_MS);
    if (ready?.type === 'ready') return feed;
    feed.close();
    return unavailable(
      ready ? `it did not start: ${ready.type === 'failed' ? ready.message : ready.type}` : `no answer within ${STARTUP_MS} ms`,
    );
  }

  /** Queues the next file; the worker starts on it once it has answered the previous one. */
  submit(job: ImportJob): void {
    this.port.postMessage(job);
  }

  /** The next message; throws the worker's own failure (`failed`), or if the worker goes silent. */
  next(): Exclude<ImportWorkerMessage, { type: 'failed' }> {
    const message = this.poll(STALL_MS);
    if (!message) throw new Error(`the import worker sent nothing for ${STALL_MS / 1000} s`);
    if (message.type === 'failed') throw new Error(`import worker failed: ${message.message}`);
    return message;
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }

  private poll(timeoutMs: number): ImportWorkerMessage | null {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const received = receiveMessageOnPort(this.port);
      if (received) return received.message as ImportWorkerMessage;
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.signal, 0, seen, left) === 'timed-out') return null;
    }
  }
}
