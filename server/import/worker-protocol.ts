import type { MessagePort } from 'node:worker_threads';
import type { RowError } from '@/lib/csv/record-reader';
import type { GroupDef } from '@/lib/taxonomy/groups';
import type { ImportFormat } from '@/lib/import/validate-rows';
import type { PackedRows } from '@/db/row-batch';

/** What the import worker is started with: where to post, and how to signal a post. */
export interface ImportWorkerData {
  /** Jobs arrive and messages leave through this port, so the writer can take them without its event loop. */
  port: MessagePort;
  /** Int32Array over a SharedArrayBuffer: [0] counts posted messages, for Atomics.wait. */
  signal: Int32Array;
}

/**
 * One file for the worker: its text, or a path the worker reads itself (and hashes, so the writer
 * never holds the text), how to read it, and the groups known when its rows will be written.
 */
export interface ImportJob {
  type: 'job';
  source: { text: string } | { path: string };
  format: ImportFormat;
  timeZone: string;
  groups: GroupDef[];
}

/**
 * Worker → writer: `ready` once, when loaded; then per job, in order: `file` (path jobs only),
 * rows…, then exactly one of done / reference / failed. A worker waits for the next job after done
 * or reference; after failed it has stopped.
 */
export type ImportWorkerMessage =
  | { type: 'ready' }
  /** The file a path job read: its SHA-256 (hex) and length in characters. */
  | { type: 'file'; checksum: string; chars: number }
  | { type: 'rows'; rows: PackedRows }
  | { type: 'done'; count: number; errors: RowError[] }
  /** The fast reader gave up: the file must be read again with csv-parse. */
  | { type: 'reference' }
  | { type: 'failed'; message: string };

/** Normalized rows per message: large enough to amortise posting, small enough to start writing early. */
export const ROWS_PER_MESSAGE = 2000;
