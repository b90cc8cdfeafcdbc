import pg from 'pg';

/**
 * Transaction control statements that only change the session's state (BEGIN, SAVEPOINT, RELEASE
 * SAVEPOINT, and SET LOCAL plan_cache_mode: named-statements.ts) go out with the statement that
 * follows them instead of in a round trip of their own.
 * On this 2-core machine a round trip's socket write and wake-up cost more CPU (Node and backend)
 * than the statements themselves, and every write transaction starts with BEGIN: a POST's BEGIN
 * now rides with its insert, an alert firing's SAVEPOINT with its insert, its RELEASE with the
 * next statement (the COMMIT).
 *
 * How: node-postgres sends each query as Parse/Bind/Describe/Execute followed by Sync. A deferred
 * statement is sent in front of the next query's messages as its own unnamed Parse/Bind/Execute,
 * under that query's one Sync: PostgreSQL runs them in order, an error skips the rest up to the
 * Sync (so nothing after a failed statement runs, as when they were sent one by one) and the
 * error reaches the query. Before a query without parameters (sent as a simple query, whose text
 * may hold several statements, which the extended protocol refuses) they are prepended to its
 * text instead, a simple query of several statements with the same all-or-nothing run. A COMMIT or ROLLBACK that
 * finds only a BEGIN pending has nothing to end and is not sent either.
 *
 * Not combined: a named statement not yet parsed on the connection (node-postgres would take the
 * deferred statement's ParseComplete for that statement's, and mark it parsed even if its own
 * Parse then failed), queries with a callback or a row limit, and custom query objects (cursors,
 * COPY): the deferred statements are then sent first on their own, as before.
 *
 * Held statements (holdStatement): a statement WITH parameters whose answer nothing needs before
 * the next query goes out, held the same way and sent as its own Parse/Bind/Describe/Execute in
 * front of that query, under its Sync. Its result settles its own promise once the query's answer
 * is in. A POST's insert rides in front of its first alert reads this way (the reads run after it
 * in the same transaction, so they see the new row), and its audit row in front of the COMMIT. A
 * held statement with a waiter is sent on its own at the end of the turn of the event loop if no
 * query came to take it along; one without (the audit row) waits for the next query, and a
 * transaction always ends with one. ROLLBACK drops held statements (their promises reject).
 */
const DEFERRABLE =
  /^(begin( isolation level (read committed|repeatable read|serializable))?|savepoint [a-z_][a-z0-9_]*|release savepoint [a-z_][a-z0-9_]*|set local plan_cache_mode = (auto|force_generic_plan|force_custom_plan))$/i;
const ENDS = /^(commit|rollback)$/i;
const BEGIN = /^begin\b/i;

type QueryConfig = pg.QueryConfig & { rows?: number; queryMode?: string; rowMode?: string };

/** A statement sent in front of the next query: a utility text, or a held statement with its values. */
interface Lead {
  text: string;
  /** Held statements only (see holdStatement). */
  values?: unknown[];
  /** Its statement name (held statements only): parsed on this connection already, or by this flight (`parse`). */
  name?: string;
  parse?: boolean;
  settle?: (err: Error | undefined, result?: pg.QueryResult) => void;
}

const prepareValue = (pg as unknown as { utils: { prepareValue: (v: unknown) => unknown } }).utils.prepareValue;

/** Rows as objects, whatever row mode the query that carried the statement asked for. */
function asObjects(result: pg.QueryResult): pg.QueryResult {
  if (!result.rows.length || !Array.isArray(result.rows[0])) return result;
  const names = result.fields.map((f) => f.name);
  const rows = (result.rows as unknown[][]).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
  return { ...result, rows };
}
type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** A query sent with the deferred statements in front of it, under its one Sync. */
class Flight extends pg.Query {
  constructor(
    private readonly lead: Lead[],
    config: QueryConfig,
    values: unknown,
    callback: (err: Error | undefined, result: unknown) => void,
    state?: State,
  ) {
    // A copy: node-postgres writes the values and callback into the config it is given, and the
    // query builder reuses its config object for the next run of the same statement.
    super({ ...config }, values, (err: Error | undefined, result: unknown) => {
      // Names parsed here: node-postgres tracks only its own query's. After a failure a Parse may
      // or may not have run, so such a name is not used on this connection again.
      for (const l of lead)
        if (l.parse && l.name && state) {
          state.parsing.delete(l.name);
          if (err) state.poisoned.add(l.name);
          else state.parsed()[l.name] = l.text;
        }
      // One result per statement, in order (node-postgres makes a list of several).
      const results = Array.isArray(result) ? (result as pg.QueryResult[]) : [];
      lead.forEach((l, i) => l.settle?.(err, err ? undefined : asObjects(results[i])));
      callback(err, err ? undefined : results.length ? results[lead.length] : result);
    });
  }

  // Always the extended protocol: the lead statements are messages of their own.
  requiresPreparation(): boolean {
    return true;
  }

  prepare(connection: unknown): void {
    const con = connection as {
      parse(m: { text: string; name: string; types: unknown[] }): void;
      bind(m: { portal: string; statement: string; values: unknown[]; valueMapper?: unknown }): void;
      describe(m: { type: string; name: string }): void;
      execute(m: { portal: string; rows: number }): void;
    };
    for (const { text, values, name, parse } of this.lead) {
      if (!name || parse) con.parse({ text, name: name ?? '', types: [] });
      con.bind({ portal: '', statement: name ?? '', values: values ?? [], valueMapper: prepareValue });
      if (values) con.describe({ type: 'P', name: '' });
      con.execute({ portal: '', rows: 0 });
    }
    (pg.Query.prototype as unknown as { prepare(c: unknown): void }).prepare.call(this, connection);
  }
}

/** The result node-postgres gives for a statement that returns nothing. */
const done = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

const PATCHED = Symbol.for('frontierWatch.pgDeferredUtility');

interface State {
  pending: Lead[];
  /** Names a held statement's flight is parsing, and names not to use again (see Flight). */
  parsing: Set<string>;
  poisoned: Set<string>;
  /** The client's own query function (before the patch). */
  send: Query;
  parsed: () => Record<string, string>;
}

const notSent = () => new Error('a held statement was dropped: its transaction ended before it was sent');

/** Settles statements that will not be sent (their names were not parsed). */
function drop(state: State, leads: Lead[]): void {
  for (const l of leads) {
    if (l.parse && l.name) state.parsing.delete(l.name);
    l.settle?.(notSent());
  }
}

/** Sends the pending statements on their own, as one round trip (the last one as the query). */
function sendPending(state: State): Promise<unknown> {
  const lead = state.pending;
  state.pending = [];
  if (!lead.some((l) => l.values)) return state.send(lead.map((l) => l.text).join('; ')) as Promise<unknown>;
  const last = lead.pop()!;
  // As the query itself: named only if parsed already (node-postgres would take a lead's
  // ParseComplete for its own), else unnamed this once.
  const name = last.name && state.parsed()[last.name] === last.text ? last.name : undefined;
  if (last.parse && last.name) state.parsing.delete(last.name);
  return new Promise((resolve, reject) => {
    const flight = new Flight(
      lead,
      { text: last.text, name, values: last.values },
      undefined,
      (err, result) => {
        last.settle?.(err, err ? undefined : (result as pg.QueryResult));
        if (err) reject(err);
        else resolve(result);
      },
      state,
    );
    state.send(flight);
  });
}

/** Makes `client` defer transaction control statements as described above (once per client). */
export function deferUtilityStatements(client: pg.PoolClient): void {
  const target = client as pg.PoolClient & { [PATCHED]?: State };
  if (target[PATCHED]) return;
  const send = client.query.bind(client) as Query;
  const parsed = () => (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
  const state: State = { pending: [], parsing: new Set(), poisoned: new Set(), send, parsed };
  target[PATCHED] = state;

  (client as unknown as { query: Query }).query = (config, values, callback) => {
    const text = typeof config === 'string' ? config : (config as QueryConfig | null)?.text;
    const hasValues = Array.isArray(values)
      ? values.length > 0
      : Array.isArray((config as QueryConfig)?.values) && (config as QueryConfig).values!.length > 0;
    // A named statement (or one asked for the extended protocol) is never sent as a simple query.
    const extended =
      typeof config === 'object' &&
      config !== null &&
      (Boolean((config as QueryConfig).name) || (config as QueryConfig).queryMode === 'extended');
    const plain = typeof text === 'string' && !hasValues && !extended && typeof values !== 'function' && callback === undefined;
    const custom = typeof (config as { submit?: unknown })?.submit === 'function';
    if (plain && !custom && DEFERRABLE.test(text.trim())) {
      state.pending.push({ text: text.trim() });
      return Promise.resolve(done(text.trim().split(/\s/)[0].toUpperCase()));
    }
    if (!state.pending.length) return send(config, values, callback);
    if (plain && !custom && /^rollback$/i.test(text.trim())) {
      // Nothing held needs to run before a rollback: held statements are dropped.
      const held = state.pending.filter((l) => l.values);
      state.pending = state.pending.filter((l) => !l.values);
      drop(state, held);
      if (!state.pending.length) return send(config, values, callback);
    }
    const holds = state.pending.some((l) => l.values);
    const ends = plain && !custom && ENDS.test(text.trim());
    if (ends && state.pending.length === 1 && BEGIN.test(state.pending[0].text)) {
      state.pending = [];
      return Promise.resolve(done(text.trim().toUpperCase()));
    }
    if (plain && !custom && !holds) {
      // No parameters: a simple query, which may hold several statements (and its text may too);
      // the held ones go in front of its text and its own results come back as they would alone.
      const lead = state.pending;
      state.pending = [];
      const joined = `${lead.map((l) => l.text).join('; ')}; ${text}`;
      const sent = typeof config === 'string' ? send(joined) : send({ ...(config as QueryConfig), text: joined }, values);
      return (sent as Promise<unknown>).then((r: unknown) => {
        if (!Array.isArray(r)) return r;
        const own: unknown[] = r.slice(lead.length);
        return own.length === 1 ? own[0] : own;
      });
    }
    const cfg = (typeof config === 'string' ? { text: config } : config) as QueryConfig | null;
    const named = !custom && cfg?.name;
    const combinable =
      !custom &&
      cfg !== null &&
      typeof cfg === 'object' &&
      typeof values !== 'function' &&
      callback === undefined &&
      !cfg.rows &&
      (!named || parsed()[named] === text) &&
      // Held statements go out in the extended protocol, which takes one statement per text.
      !(plain && text.includes(';'));
    if (!combinable) {
      // Sent first on their own (one round trip); a failure shows in the query after them (the
      // connection is the same).
      sendPending(state).catch(() => undefined);
      return send(config, values, callback);
    }
    const lead = state.pending;
    state.pending = [];
    return new Promise((resolve, reject) => {
      const flight = new Flight(
        lead,
        cfg,
        values,
        (err, result) => {
          if (err) reject(err);
          else resolve(result);
        },
        state,
      );
      send(flight);
    });
  };
}

/**
 * Holds `text` with `values` on `client` (patched by deferUtilityStatements) to go out in front of
 * its next query (see above); the promise settles with its own result once that query's answer is
 * in. `name`: its statement name, if it has one (./named-statements.ts), parsed by the first flight
 * that carries it on this connection (unnamed after a flight that failed; see Flight). `wait`: something waits for the answer, so it goes on its own at the end of
 * this turn of the event loop if no query took it along by then. Null if the client is not patched.
 */
export function holdStatement(
  client: pg.ClientBase,
  text: string,
  values: unknown[],
  opts: { name?: string; wait: boolean },
): Promise<pg.QueryResult> | null {
  const state = (client as pg.ClientBase & { [PATCHED]?: State })[PATCHED];
  if (!state) return null;
  let name = opts.name && !state.poisoned.has(opts.name) ? opts.name : undefined;
  let parse = false;
  if (name && state.parsed()[name] !== text) {
    // Another text under that name: unnamed. Else the first flight carrying it parses it.
    if (state.parsed()[name] !== undefined) name = undefined;
    else if (!state.parsing.has(name)) {
      parse = true;
      state.parsing.add(name);
    }
  }
  const held = new Promise<pg.QueryResult>((resolve, reject) => {
    const lead: Lead = { text, values, name, parse, settle: (err, result) => (err ? reject(err) : resolve(result!)) };
    state.pending.push(lead);
    if (opts.wait)
      // Two turns: the batching reads of db/pg/read-batch.ts flush at the end of this one.
      setImmediate(() =>
        setImmediate(() => {
          if (state.pending.includes(lead)) sendPending(state).catch(() => undefined);
        }),
      );
  });
  held.catch(() => undefined); // the caller may not wait (an audit row): its failure fails the query it rode with
  return held;
}

/** Forgets statements still deferred on a client going back to the pool (a transaction that ended without a statement). */
export function clearDeferred(client: pg.PoolClient): void {
  const state = (client as pg.PoolClient & { [PATCHED]?: State })[PATCHED];
  if (!state) return;
  drop(state, state.pending);
  state.pending = [];
}
