/**
 * Messages between the server's request thread and its writer thread (server/writer/writer-thread.ts,
 * server/writer/writer-worker.ts), and how errors cross between them: structured clone keeps an
 * Error's message but not its class, so application errors travel as their fields and are
 * rebuilt as AppError (same status and body), and SQLite's error code survives (SQLITE_BUSY → 503).
 */
import { AppError, type ErrorCode, type ErrorIssue } from '@/lib/errors';
import type { IncidentInput } from '@/lib/incidents/input';
import type { SaveResult, WriteContext } from '@/db/services/incident-writes';

/** The write's context as it crosses: the thread takes its own clock (`now`). */
export type SaveContext = Omit<WriteContext, 'now'>;

export interface WriterData {
  dbPath: string;
  /** Set to 1 by the worker once its connection is closed (waited on synchronously at exit). */
  closed: Int32Array;
}

export type WriterRequest = { type: 'save'; id: number; input: IncidentInput; ctx: SaveContext } | { type: 'close' };

export type WriterReply =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  /** A group of writes committed: wake the live streams (db/outbox-signal.ts). */
  | { type: 'outbox' }
  | { type: 'done'; id: number; ok: true; value: SaveResult }
  | { type: 'done'; id: number; ok: false; error: WireError };

export type WireError =
  | { kind: 'app'; code: ErrorCode; message: string; issues?: ErrorIssue[]; headers?: Record<string, string> }
  | { kind: 'error'; name: string; message: string; code?: string; stack?: string };

export function toWire(err: unknown): WireError {
  if (err instanceof AppError) return { kind: 'app', code: err.code, message: err.message, issues: err.issues, headers: err.headers };
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { kind: 'error', name: err.name, message: err.message, code: typeof code === 'string' ? code : undefined, stack: err.stack };
  }
  return { kind: 'error', name: 'Error', message: String(err) };
}

export function fromWire(w: WireError): Error {
  if (w.kind === 'app') return new AppError(w.code, w.message, w.issues, w.headers);
  const err = new Error(w.message) as Error & { code?: string };
  err.name = w.name;
  if (w.code !== undefined) err.code = w.code;
  // The writer thread's stack: where it failed, for the request thread's error log.
  if (w.stack) err.stack = `${w.stack}\n    (in the writer thread)`;
  return err;
}
