import type pg from 'pg';
import type { Store } from '@/db/connection';
import { clientOf } from '@/db/pg/copy';
import { dedicatedClient } from '@/db/pg/dedicated';
import { isPgTransaction, pgOf } from '@/db/pg/store';

/**
 * The ids of a batch that the PostgreSQL import COPYs straight into incidents
 * (import-writer-pg.ts): `n` ids off the incidents' sequence, in ascending order, what an INSERT
 * of n rows would have drawn (one nextval per row), answered as one text (one row to receive,
 * not n).
 */
const DRAW = `SELECT string_agg(id::text, ',' ORDER BY id) AS ids
  FROM (SELECT nextval((SELECT pg_get_serial_sequence('incidents', 'id')::regclass)) AS id FROM generate_series(1, $1::integer)) d`;

/** The second connection's application_name: the pool's (which instance), then what it is for. */
export const idsSessionName = (poolName: string): string => `${poolName} import ids`;

type Queryable = Pick<pg.ClientBase, 'query'>;

async function draw(on: Queryable, n: number): Promise<number[]> {
  const { rows } = await on.query<{ ids: string }>(DRAW, [n]);
  return rows[0].ids.split(',').map(Number);
}

/** `n` ids drawn on the import transaction's own connection (it waits behind a COPY running there). */
export const drawIds = (tx: Store, n: number): Promise<number[]> => draw(clientOf(tx), n);

/**
 * Ids drawn on a second connection of the import's own, so that a batch's ids can be drawn while
 * the previous batch's COPY still runs on the transaction's connection (nextval is not
 * transactional: the ids are the same whichever session draws them, and the next caller of
 * nextval anywhere gets the ones after). On the transaction's connection the draw waited for that
 * COPY, and the database then idled while the ids came back and were prefixed to the lines
 * (docs/benchmarks-history.md, "PostgreSQL import, round 5"). Its own client, not one from the
 * store's pool: with the pool two imports at once could each hold one connection and wait for the
 * other's. Opened when the writer opens, without waiting for it; if it cannot connect or breaks,
 * draw() answers null and the writer draws on its own connection as before.
 */
export class IdsAhead {
  private broken = false;

  private constructor(
    private readonly client: pg.Client,
    private readonly connected: Promise<boolean>,
  ) {}

  /** A second connection to `store`'s database; null when `store` is itself a transaction (no pool to read the URL from). */
  static open(store: Store): IdsAhead | null {
    if (isPgTransaction(store)) return null;
    const client = dedicatedClient(store, idsSessionName(pgOf(store).$client.options.application_name ?? 'frontier-watch'));
    const ahead: IdsAhead = new IdsAhead(
      client,
      client.connect().then(
        () => true,
        () => false,
      ),
    );
    // Without a listener a connection dropped while idle would end the process.
    client.on('error', () => (ahead.broken = true));
    return ahead;
  }

  /** `n` ids in ascending order, or null when this connection cannot draw them. */
  async draw(n: number): Promise<number[] | null> {
    if (this.broken || !(await this.connected)) return null;
    try {
      return await draw(this.client, n);
    } catch {
      this.broken = true;
      return null;
    }
  }

  async close(): Promise<void> {
    if (await this.connected) await this.client.end().catch(() => undefined);
  }
}
