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
 */
const DEFERRABLE =
  /^(begin( isolation level (read committed|repeatable read|serializable))?|savepoint [a-z_][a-z0-9_]*|release savepoint [a-z_][a-z0-9_]*|set local plan_cache_mode = (auto|force_generic_plan|force_custom_plan))$/i;
const ENDS = /^(commit|rollback)$/i;
const BEGIN = /^begin\b/i;

type QueryConfig = pg.QueryConfig & { rows?: number; queryMode?: string };
type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** A query sent with the deferred statements in front of it, under its one Sync. */
class Flight extends pg.Query {
  constructor(
    private readonly lead: string[],
    config: QueryConfig,
    values: unknown,
    callback: (err: Error | undefined, result: unknown) => void,
  ) {
    // A copy: node-postgres writes the values and callback into the config it is given, and the
    // query builder reuses its config object for the next run of the same statement.
    super({ ...config }, values, callback);
  }

  // Always the extended protocol: the lead statements are messages of their own.
  requiresPreparation(): boolean {
    return true;
  }

  prepare(connection: unknown): void {
    const con = connection as {
      parse(m: { text: string; name: string; types: unknown[] }): void;
      bind(m: { portal: string; statement: string; values: unknown[] }): void;
      execute(m: { portal: string; rows: number }): void;
    };
    for (const text of this.lead) {
      con.parse({ text, name: '', types: [] });
      con.bind({ portal: '', statement: '', values: [] });
      con.execute({ portal: '', rows: 0 });
    }
    (pg.Query.prototype as unknown as { prepare(c: unknown): void }).prepare.call(this, connection);
  }
}

/** The result node-postgres gives for a statement that returns nothing. */
const done = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

const PATCHED = Symbol.for('frontierWatch.pgDeferredUtility');

/** Makes `client` defer transaction control statements as described above (once per client). */
export function deferUtilityStatements(client: pg.PoolClient): void {
  const target = client as pg.PoolClient & { [PATCHED]?: { pending: string[] } };
  if (target[PATCHED]) return;
  const state = { pending: [] as string[] };
  target[PATCHED] = state;
  const send = client.query.bind(client) as Query;
  const parsed = () => (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;

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
      state.pending.push(text.trim());
      return Promise.resolve(done(text.trim().split(/\s/)[0].toUpperCase()));
    }
    if (!state.pending.length) return send(config, values, callback);
    const lead = state.pending;
    state.pending = [];
    if (plain && !custom && ENDS.test(text.trim()) && lead.length === 1 && BEGIN.test(lead[0]))
      return Promise.resolve(done(text.trim().toUpperCase()));
    if (plain && !custom) {
      // No parameters: a simple query, which may hold several statements (and its text may too);
      // the held ones go in front of its text and its own results come back as they would alone.
      const joined = `${lead.join('; ')}; ${text}`;
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
      (!named || parsed()[named] === text);
    if (!combinable) {
      // Sent first as one simple query of their own (several statements, one round trip); a failure
      // shows in the query after them (the connection is the same).
      (send(lead.join('; ')) as Promise<unknown>).catch(() => undefined);
      return send(config, values, callback);
    }
    return new Promise((resolve, reject) => {
      const flight = new Flight(lead, cfg, values, (err, result) => {
        if (err) reject(err);
        else resolve(Array.isArray(result) ? result[lead.length] : result);
      });
      send(flight);
    });
  };
}

/** Forgets statements still deferred on a client going back to the pool (a transaction that ended without a statement). */
export function clearDeferred(client: pg.PoolClient): void {
  const state = (client as pg.PoolClient & { [PATCHED]?: { pending: string[] } })[PATCHED];
  if (state) state.pending = [];
}
