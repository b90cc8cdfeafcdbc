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

/**
 * Runs steps side by side and answers their results in order: each round gives every unfinished
 * step the value of its last read, and the reads they yield next are waited for together (on
 * PostgreSQL a batching view, db/pg/read-batch.ts, then sends them as one statement). A read that
 * failed is thrown into its own step; a step that throws ends them all with its error. With only
 * synchronous reads (SQLite) it simply runs them one round at a time.
 */
export function* all<T>(steps: Step<T>[]): Step<T[]> {
  const out = new Array<T>(steps.length);
  let live = steps.map((step, i) => ({ step, i, r: step.next() }));
  for (;;) {
    live = live.filter(({ r, i }) => (r.done ? ((out[i] = r.value), false) : true));
    if (!live.length) return out;
    const values = live.map(({ r }) => r.value);
    const settled = values.some((v) => v instanceof Promise)
      ? ((yield Promise.allSettled(values)) as PromiseSettledResult<unknown>[])
      : values.map((value): PromiseSettledResult<unknown> => ({ status: 'fulfilled', value }));
    live.forEach((s, k) => {
      const got = settled[k];
      s.r = got.status === 'fulfilled' ? s.step.next(got.value) : s.step.throw(got.reason);
    });
  }
}
