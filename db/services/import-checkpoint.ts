/**
 * The WAL checkpoint of a large SQLite import, run by a second connection on another thread
 * instead of at each COMMIT on the writing thread. A file's COMMIT used to end in the automatic
 * checkpoint: every page the file wrote (~250 MB per 200,000 rows) read back from the WAL, written
 * into the database file and synced while the writing thread waited: a third of COMMIT's CPU
 * and much of the writer's disk wait (docs/benchmarks-history.md, "SQLite import's writing thread,
 * round 2"). Here the writer's connection stops checkpointing
 * (`wal_autocheckpoint = 0`) for the session, and after each COMMIT a PASSIVE checkpoint runs on the
 * other connection while the writer goes on with the next file: WAL mode lets a checkpoint copy
 * committed frames while a writer appends new ones. The session ends once the last checkpoint is
 * done, with the connection's own setting back, so the import leaves the WAL as it did before.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** What the checkpointing thread answers per request: the pragma's row, or why it failed. */
type Answer = { ok: true; busy: number; log: number; checkpointed: number } | { ok: false; message: string };

/**
 * The thread's source (eval'd, CommonJS: better-sqlite3 resolves from the working directory, as
 * the server's workers do). It opens the database file itself (a connection cannot be shared
 * between threads) with the writer's `synchronous`, so the checkpoint syncs as the writer's would.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + Number(workerData.synchronous));
parentPort.on('message', () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, busy: row.busy, log: row.log, checkpointed: row.checkpointed });
  } catch (e) {
    parentPort.postMessage({ ok: false, message: String((e && e.message) || e) });
  }
});
parentPort.postMessage({ ok: true, busy: 0, log: 0, checkpointed: 0 });
`;

/** Below this many characters of import the thread's start-up (~50 ms) costs more than it saves. */
export const BACKGROUND_CHECKPOINT_MIN_CHARS = 4 * 1024 * 1024;

export class BackgroundCheckpoint {
  /** Resolves when the running checkpoint answers; null while none runs. */
  private running: Promise<Answer> | null = null;
  /** A COMMIT came while a checkpoint ran: run another one after it. */
  private again = false;
  private failure: string | null = null;
  /** Checkpoints that ran to an answer (tests). */
  completed = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly client: Database.Database,
    private readonly autocheckpoint: number,
  ) {}

  /**
   * Starts the thread and turns the connection's automatic checkpoint off; null (nothing changed)
   * for a database without a file or not in WAL mode, inside a transaction, or when the thread
   * cannot start here.
   */
  static async start(client: Database.Database): Promise<BackgroundCheckpoint | null> {
    if (client.memory || client.inTransaction || String(client.pragma('journal_mode', { simple: true })) !== 'wal') return null;
    const file = client.name;
    const synchronous = client.pragma('synchronous', { simple: true }) as number;
    let worker: Worker;
    try {
      worker = new Worker(SOURCE, { eval: true, workerData: { file, synchronous } });
    } catch {
      return null;
    }
    // Failures arrive as answers; a thread that dies is noticed by `exit` (see answer()).
    worker.on('error', () => {});
    const ready = await answer(worker);
    if (!ready.ok) {
      await worker.terminate();
      return null;
    }
    const autocheckpoint = client.pragma('wal_autocheckpoint', { simple: true }) as number;
    client.pragma('wal_autocheckpoint = 0');
    return new BackgroundCheckpoint(worker, client, autocheckpoint);
  }

  /** After a COMMIT: checkpoint what it wrote on the other thread (or right after the running one). */
  afterCommit(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.run();
  }

  /**
   * Waits for the checkpoints still to run, stops the thread and puts the connection's automatic
   * checkpoint back. A checkpoint that failed on the other thread is run here instead, so the
   * session never leaves more WAL behind than the automatic checkpoint would have.
   */
  async close(): Promise<void> {
    try {
      while (this.running) await this.running;
    } finally {
      await this.worker.terminate();
      this.client.pragma(`wal_autocheckpoint = ${Math.trunc(this.autocheckpoint)}`);
    }
    if (this.failure !== null && !this.client.inTransaction) this.client.pragma('wal_checkpoint(PASSIVE)');
  }

  private run(): void {
    this.again = false;
    this.worker.postMessage('checkpoint');
    this.running = answer(this.worker).then((a) => {
      if (a.ok) this.completed++;
      else this.failure = a.message;
      this.running = null;
      if (this.again && this.failure === null) this.run();
      return a;
    });
  }
}

/** The thread's next answer, or a failed one if it exits first. */
function answer(worker: Worker): Promise<Answer> {
  return new Promise((resolve) => {
    const onExit = (code: number) => {
      worker.off('message', onMessage);
      resolve({ ok: false, message: `the checkpoint thread exited (${code})` });
    };
    const onMessage = (m: Answer) => {
      worker.off('exit', onExit);
      resolve(m);
    };
    worker.once('message', onMessage);
    worker.once('exit', onExit);
  });
}
