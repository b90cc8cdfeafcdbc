/**
 * Alert evaluation runs inside every write. SQLite's write paths that stay synchronous for speed
 * (group commit, the import writer, the writer thread) need it synchronous, inside their
 * better-sqlite3 transaction; PostgreSQL needs it async. So the evaluation is written once as a
 * generator that yields each read's result, a value on SQLite and a promise on PostgreSQL, and
 * one of two drivers runs it: runSync for SQLite's synchronous callers, runAsync for everything else.
 */
export type Maybe<T> = T | Promise<T>;

/** One evaluation step: yields reads, receives their values, returns T. */
export type Step<T> = Generator<unknown, T, unknown>;

/** `yield* read(x)`: the value of a read, waited for when it is a promise. */
export function* read<T>(value: Maybe<T>): Step<T> {
  return (yield value) as T;
}

/** Runs a step whose reads are all synchronous (SQLite). */
export function runSync<T>(step: Step<T>): T {
  let r = step.next();
  while (!r.done) {
    if (r.value instanceof Promise) throw new Error('an asynchronous read on a synchronous SQLite path');
    r = step.next(r.value);
  }
  return r.value;
}

/** Runs a step, waiting for each read; a failed read is thrown into the step, where it may be caught. */
export async function runAsync<T>(step: Step<T>): Promise<T> {
  let r = step.next();
  while (!r.done) {
    let value: unknown;
    try {
      value = await r.value;
    } catch (err) {
      r = step.throw(err);
      continue;
    }
    r = step.next(value);
  }
  return r.value;
}
