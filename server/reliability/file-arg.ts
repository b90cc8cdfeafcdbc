import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

/** A CLI argument problem with a message fit to print as is. */
export class FileArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileArgError';
  }
}

const MAX_PATH = 4096;

/**
 * Resolves a user-typed path. `npm run` changes the working directory to the project root,
 * so relative paths are taken from INIT_CWD (where the user typed the command) when set.
 */
export function resolveUserPath(raw: string, base = process.env.INIT_CWD || process.cwd()): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw new FileArgError('a file path is required');
  if (raw.includes('\0')) throw new FileArgError('the path contains a NUL byte');
  if (raw.length > MAX_PATH) throw new FileArgError(`the path is longer than ${MAX_PATH} characters`);
  return isAbsolute(raw) ? resolve(raw) : resolve(base, raw);
}

/** Canonical identity of a path even when it does not exist yet (its directory's real path). */
export function canonicalPath(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    try {
      return resolve(realpathSync(dirname(abs)), abs.slice(dirname(abs).length + 1));
    } catch {
      return abs;
    }
  }
}

/** An existing regular file (symlinks followed), or a clear error. */
export function requireRegularFile(abs: string, what: string): void {
  if (!existsSync(abs)) throw new FileArgError(`${what} ${abs} does not exist`);
  const st = statSync(abs);
  if (st.isDirectory()) throw new FileArgError(`${what} ${abs} is a directory, not a file`);
  if (!st.isFile()) throw new FileArgError(`${what} ${abs} is not a regular file`);
}

/**
 * A path we may create or replace: its directory must exist, and an existing entry must be a
 * regular file (never a directory, FIFO or device) that we only replace when `force` is set.
 */
export function requireWritableTarget(abs: string, what: string, force: boolean): { exists: boolean } {
  const dir = dirname(abs);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new FileArgError(`the directory of ${what} ${abs} does not exist`);
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    return { exists: false };
  }
  const target = st.isSymbolicLink() && existsSync(abs) ? statSync(abs) : st;
  if (target.isDirectory()) throw new FileArgError(`${what} ${abs} is a directory, not a file`);
  if (!target.isFile()) throw new FileArgError(`${what} ${abs} exists and is not a regular file`);
  if (!force) throw new FileArgError(`${what} ${abs} already exists; pass --force to replace it`);
  return { exists: true };
}

/** True when two paths name the same database (including its -wal/-shm/-journal companions). */
export function sameDatabase(a: string, b: string): boolean {
  const ca = canonicalPath(a);
  const cb = canonicalPath(b);
  return [cb, `${cb}-wal`, `${cb}-shm`, `${cb}-journal`].includes(ca) || [`${ca}-wal`, `${ca}-shm`, `${ca}-journal`].includes(cb);
}

export interface ParsedArgs {
  file: string;
  flags: Set<string>;
}

/** `FILE [--flag…]`: exactly one positional path; unknown flags are errors, never paths. */
export function parseFileArgs(argv: string[], allowedFlags: readonly string[], usage: string): ParsedArgs {
  const flags = new Set<string>();
  const files: string[] = [];
  let onlyFiles = false;
  for (const a of argv) {
    if (!onlyFiles && a === '--') onlyFiles = true;
    else if (!onlyFiles && a.startsWith('-')) {
      if (!allowedFlags.includes(a)) throw new FileArgError(`unknown option ${a}\n${usage}`);
      flags.add(a);
    } else files.push(a);
  }
  if (files.length !== 1) throw new FileArgError(`expected exactly one file, got ${files.length}\n${usage}`);
  return { file: files[0], flags };
}
