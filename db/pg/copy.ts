import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Store } from '../connection';
import { isPgTransaction } from './store';

/**
 * COPY … FROM STDIN in an open PostgreSQL transaction (pg-copy-streams: node-postgres' own COPY
 * support, by its author; the driver has none built in). db-internal, like db/pg/store.ts.
 */

/** The pooled connection a Drizzle transaction runs on: COPY needs the driver client itself. */
export function clientOf(tx: Store): PoolClient {
  if (!isPgTransaction(tx)) throw new Error('COPY runs inside a PostgreSQL transaction');
  const client = (tx as unknown as { session?: { client?: PoolClient } }).session?.client;
  if (!client || typeof client.query !== 'function') throw new Error('no driver client on this PostgreSQL transaction');
  return client;
}

/** One value in COPY's text format: \N for NULL, and the four characters the format reserves escaped. */
export function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') throw new TypeError(`COPY: no text form for a ${typeof v}`);
  const s = v;
  if (!/[\\\n\r\t\0]/.test(s)) return s;
  // PostgreSQL text cannot hold U+0000 (SQLite can): say so, rather than the server's encoding error.
  if (s.includes('\0')) throw new Error('PostgreSQL cannot store the NUL character (U+0000) in text; remove it from the file');
  return s.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]);
}
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A COPY in progress on the transaction's connection. Nothing else may run on that connection until
 * end() resolves, so callers gather what they must write besides the rows and write it afterwards.
 */
export class CopyIn {
  private readonly stream: Writable;
  private failure: Error | null = null;

  /** `statement`: a trusted `COPY table (cols) FROM STDIN` built from schema names, never from input. */
  constructor(tx: Store, statement: string) {
    this.stream = clientOf(tx).query(copyFrom(statement));
    this.stream.on('error', (err: Error) => (this.failure ??= err));
  }

  /** Writes text-format lines (a string, or its UTF-8 bytes); resolves when the stream can take more (backpressure). */
  async write(chunk: string | Buffer): Promise<void> {
    this.check();
    // events.once rejects on 'error', so a COPY the server aborts does not leave this waiting.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
    this.check();
  }

  /**
   * Bytes of this COPY not yet handed to the kernel: held by the stream until the server's
   * CopyInResponse, or queued on the socket behind a full send buffer. Both move on only when the
   * event loop turns.
   */
  unsent(): number {
    const socket = (this.stream as unknown as { connection?: { stream?: Writable } | null }).connection?.stream;
    return this.stream.writableLength + (socket?.writableLength ?? 0);
  }

  /** Ends the COPY and waits for the server's answer (a bad value fails here). */
  async end(): Promise<void> {
    this.stream.end();
    await finished(this.stream);
    this.check();
  }

  /**
   * Writes every chunk and ends the COPY without waiting for the socket to drain between chunks:
   * the caller holds the whole batch in memory anyway, and pacing the writes would keep it waiting
   * while the server works through the batch, instead of going on with the next. Resolves with the
   * server's answer (a bad value or a constraint fails here).
   */
  writeAllAndEnd(chunks: readonly Buffer[]): Promise<void> {
    this.check();
    for (const chunk of chunks) this.stream.write(chunk);
    return this.end();
  }

  /**
   * Abandons the COPY (a CopyFail message: the server discards the rows) and waits until the
   * connection can take the ROLLBACK; a rollback sent while a COPY is open would wait for it forever.
   */
  async abort(reason: string): Promise<void> {
    if (this.stream.writableFinished || this.stream.destroyed) return;
    const closed = once(this.stream, 'close');
    this.stream.destroy(new Error(reason));
    await closed.catch(() => undefined);
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
