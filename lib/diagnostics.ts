import { SLOTS } from './registry-key.mjs';
import { peekSingleton } from './registry';

/** The part of the server's logger (server/log.mjs, pino) that db/ code reports survived failures to. */
export interface Diagnostics {
  error(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
}

/**
 * db/ imports only lib/, yet a rule that fails inside a write transaction must still be logged.
 * server/log.mjs publishes the thread's logger in the registry when it loads (every server entry,
 * worker thread and CLI command loads it); until then a failure is written to stderr as a JSON
 * line of the same shape, so nothing is lost.
 */
export function diagnostics(): Diagnostics {
  return peekSingleton<Diagnostics>(SLOTS.logger) ?? fallback;
}

const fallback: Diagnostics = {
  error: (fields, msg) => writeLine(50, fields, msg),
  warn: (fields, msg) => writeLine(40, fields, msg),
};

function writeLine(level: number, fields: Record<string, unknown>, msg: string): void {
  const err = fields.err instanceof Error ? { message: fields.err.message, stack: fields.err.stack } : fields.err;
  const line = JSON.stringify({ level, time: new Date().toISOString(), ...fields, err, msg });
  (globalThis as { process?: { stderr?: { write(s: string): void } } }).process?.stderr?.write(`${line}\n`);
}
