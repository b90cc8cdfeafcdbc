/**
 * The writer thread: in the production server, single-incident writes (POST /api/incidents) run on
 * a worker thread with its own connection to the database file, while the request thread keeps
 * parsing, authorizing and validating the next requests. Each write is the same code as on the
 * request thread (saveIncidentGroupCommit: upsert, alert evaluation, audit, outbox) with the same
 * group commit, and is answered after its COMMIT, so a 2xx still means the row is on disk. What
 * moves off the request thread is the write's CPU time (alert evaluation over every rule included),
 * the WAL sync and any wait for another writer's lock (busy_timeout), which used to stall every
 * open request and event stream (docs/benchmarks.md, docs/architecture.md).
 *
 * The worker runs the entry `npm run build` compiled (dist/workers/writer.mjs) or, in a checkout
 * whose build is not current, the TypeScript sources through tsx: server/runtime/worker-entry.ts
 * decides. When it can run neither, or the thread fails or exits, writes run on the request thread
 * as before (logged once, with the reason).
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { storeFile, type Store } from '@/db/store';
import type { IncidentInput } from '@/lib/incidents/input';
import { outboxAppended } from '@/db/outbox-signal';
import { CLOSE_ORDER, onProcessClose, processSingleton } from '@/lib/registry';
import { installExitClose } from '@/server/reliability/shutdown';
import { workerEntry } from '@/server/runtime/worker-entry';
import type { SaveResult } from '@/db/services/incident-writes';
import { fromWire, type SaveContext, type WriterData, type WriterReply, type WriterRequest } from './writer-protocol';
import { log } from '@/server/log.mjs';

const READY_MS = 30_000;
/** How long exit waits for the thread to close its connection (so the WAL is checkpointed and removed). */
const CLOSE_MS = 5_000;

export class WriterThread {
  private readonly pending = new Map<number, { resolve: (r: SaveResult) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private stopped = false;
  /** Writes this thread has answered (diagnostics and tests). */
  answered = 0;

  private constructor(
    private readonly worker: Worker,
    /** The database file this thread writes, resolved. */
    readonly dbPath: string,
    private readonly closed: Int32Array,
    /** How the thread's code was loaded (server/runtime/worker-entry.ts). */
    readonly loadedFrom: string,
  ) {}

  /**
   * Starts the thread on `dbPath` (already migrated) and waits until its connection is open; null
   * (with the reason logged) when it cannot run here. `projectDir` (default: the working directory,
   * as for `npm run serve`) holds dist/ or the sources, and node_modules.
   */
  static async start(opts: { dbPath: string; projectDir?: string }): Promise<WriterThread | null> {
    const projectDir = opts.projectDir ?? process.cwd();
    const fail = (why: string) => {
      log.error({ component: 'writer', why }, 'no writer thread; incident writes run on the request thread');
      return null;
    };
    // A second connection to ':memory:' would be a second, empty database.
    if (opts.dbPath === ':memory:' || opts.dbPath === '')
      return fail('an in-memory database has no file to share with a second connection');
    const entry = workerEntry(
      'writer',
      projectDir,
      `require('node:worker_threads').parentPort.postMessage({ type: 'failed', message: String(e && e.stack || e) });`,
    );
    if (!entry.ok) return fail(entry.why);
    const closed = new Int32Array(new SharedArrayBuffer(4));
    const data: WriterData = { dbPath: opts.dbPath, closed };
    let worker: Worker;
    try {
      worker = new Worker(entry.code, { eval: true, workerData: data });
    } catch (err) {
      return fail(String(err));
    }
    const thread = new WriterThread(worker, resolve(opts.dbPath), closed, entry.how);
    const ready = await new Promise<string | null>((done) => {
      const timer = setTimeout(() => done(`not ready after ${READY_MS / 1000} s`), READY_MS);
      worker.once('message', (m: WriterReply) => {
        clearTimeout(timer);
        done(m.type === 'ready' ? null : m.type === 'failed' ? m.message : `unexpected message ${m.type}`);
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        done(String(err?.stack ?? err));
      });
    });
    if (ready !== null) {
      void worker.terminate();
      return fail(ready);
    }
    thread.listen();
    // Never what keeps the process alive: the server decides when to exit (and closes us first).
    worker.unref();
    return thread;
  }

  /** Stores one validated incident on the writer thread; resolves after its commit. */
  save(input: IncidentInput, ctx: SaveContext): Promise<SaveResult> {
    if (this.stopped) return Promise.reject(new Error('the writer thread has stopped'));
    const id = this.nextId++;
    return new Promise<SaveResult>((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise, reject });
      this.worker.postMessage({ type: 'save', id, input, ctx } satisfies WriterRequest);
    });
  }

  get running(): boolean {
    return !this.stopped;
  }

  /**
   * Closes the thread's connection and waits for it (synchronously: this runs in the process's
   * exit handler). The last connection to close checkpoints the WAL and removes it.
   */
  closeSync(timeoutMs = CLOSE_MS): boolean {
    if (this.stopped) return true;
    this.stopped = true;
    this.worker.postMessage({ type: 'close' } satisfies WriterRequest);
    const ok = Atomics.wait(this.closed, 0, 0, timeoutMs) !== 'timed-out';
    this.failPending(new Error('the writer thread was closed'));
    return ok;
  }

  private listen(): void {
    this.worker.on('message', (m: WriterReply) => {
      if (m.type === 'outbox') outboxAppended();
      else if (m.type === 'done') {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (!p) return;
        this.answered++;
        if (m.ok) p.resolve(m.value);
        else p.reject(fromWire(m.error));
      }
    });
    const stop = (why: string) => {
      if (this.stopped) return;
      this.stopped = true;
      log.error({ component: 'writer', why }, 'the writer thread stopped; incident writes run on the request thread from now on');
      // Whether these committed is unknown: their requests get a 500 (their clients may retry; a
      // retried POST with the same sourceId is an idempotent upsert).
      this.failPending(new Error(`the writer thread stopped (${why}) before answering`));
    };
    this.worker.on('error', (err) => stop(String(err?.stack ?? err)));
    this.worker.on('exit', (code) => stop(`exit code ${code}`));
  }

  private failPending(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

const slot = processSingleton('writerThread', () => ({ thread: null as WriterThread | null }));

/** Publishes a started thread for writerThreadFor, and closes it when the process exits (after the request thread's connection). */
export function installWriterThread(thread: WriterThread): void {
  slot.thread = thread;
  onProcessClose('writerThread', CLOSE_ORDER.lastConnection, () => thread.closeSync());
  installExitClose();
}

/** The running writer thread if it writes the same database file as `db`, else null (write here). */
export function writerThreadFor(db: Store): WriterThread | null {
  const t = slot.thread;
  if (!t?.running) return null;
  return resolve(storeFile(db)) === t.dbPath ? t : null;
}
