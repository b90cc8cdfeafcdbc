/**
 * The server's one logger: pino writing JSON lines synchronously to stdout (no transport, so no
 * extra thread), at LOG_LEVEL (lib/env.ts validates it at start-up; an unknown value here falls
 * back to info). Worker threads get their own instance on the same file descriptor and name
 * themselves with `log.setBindings({ thread })`. Secrets never reach a line: see REDACT_PATHS.
 * Plain JavaScript so scripts/server.mjs loads it without a TypeScript loader (types: log.d.mts).
 */
import { format } from 'node:util';
import pino from 'pino';
import { LOG_LEVELS } from '../lib/log-levels.mjs';
import { SLOTS, writeSlot } from '../lib/registry-key.mjs';

/**
 * Fields censored wherever they appear at the top level or one level down (`{ rule: { secret } }`,
 * `{ headers: { cookie } }`) and in a logged request's headers. Log ids and names, never these.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'generatedPassword',
  '*.generatedPassword',
  'passwordHash',
  '*.passwordHash',
  'token',
  '*.token',
  'tokenHash',
  '*.tokenHash',
  'secret',
  '*.secret',
  'webhookSecret',
  '*.webhookSecret',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'set-cookie',
  '*["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-api-key"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  '*.headers["x-api-key"]',
];

/** LOG_LEVEL as given when it is one of LOG_LEVELS, else `info`. */
export function logLevel(value = process.env.LOG_LEVEL) {
  const v = value?.trim();
  return v && /** @type {readonly string[]} */ (LOG_LEVELS).includes(v) ? v : 'info';
}

/** The options every logger of the process shares (exported for tests, which pass their own stream). */
export function loggerOptions(level = logLevel()) {
  return {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (/** @type {string} */ label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
}

// Synchronous: a line is on the descriptor when the call returns, so nothing is lost on exit or
// crash. CLI scripts whose stdout is their result move the log to stderr (logToStderr).
let sink = pino.destination({ fd: process.env.FRONTIER_WATCH_LOG_FD === '2' ? 2 : 1, sync: true });
const stream = { write: (/** @type {string} */ line) => sink.write(line) };

/** The process's logger (one per thread). */
export const log = pino(loggerOptions(), stream);
// db/ reports through lib/diagnostics.ts, which reads this slot (db/ may not import server/).
writeSlot(SLOTS.logger, log);

/**
 * For command-line scripts that print their result on stdout: log lines go to stderr, in this
 * thread and in worker threads started afterwards (they inherit the environment).
 */
export function logToStderr() {
  process.env.FRONTIER_WATCH_LOG_FD = '2';
  sink = pino.destination({ fd: 2, sync: true });
}

// eslint-disable-next-line no-control-regex -- matching the terminal's colour codes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Turns console output of code we do not own (Next.js prints its start-up and render errors with
 * console.*) into log lines, so stdout stays JSON lines. Called by scripts/server.mjs first thing.
 */
export function routeConsoleToLog() {
  const methods = /** @type {const} */ ([
    ['log', 'info'],
    ['info', 'info'],
    ['warn', 'warn'],
    ['error', 'error'],
    ['debug', 'debug'],
    ['trace', 'trace'],
  ]);
  const framework = log.child({ component: 'next' });
  for (const [method, level] of methods) {
    console[method] = (...args) => {
      const err = args.find((a) => a instanceof Error);
      const msg = format(...args.filter((a) => a !== err))
        .replace(ANSI, '')
        .trim();
      if (err) framework[level]({ err }, msg || err.message);
      else framework[level](msg);
    };
  }
}
