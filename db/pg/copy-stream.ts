import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { NULL_FIELD, type CopyTable } from './copy-plan';
import { sourceRows } from './copy-source';

/** COPY data goes to the server in chunks of about this many characters: few writes, little memory. */
const CHUNK = 1 << 16;

/**
 * Streams the rows of SQLite's `table` into PostgreSQL's `into` (the same table, or a scratch
 * table of the same columns) with `COPY … FROM STDIN`, one chunk at a time, the stream's
 * back-pressure pacing the reads, so memory stays flat however large the table is. Answers the
 * rows the server took.
 */
export async function copyRows(client: pg.PoolClient, sqlite: Database.Database, table: CopyTable, into: string): Promise<number> {
  const id = (name: string) => client.escapeIdentifier(name);
  const columns = table.columns.map((c) => id(c.name)).join(', ');
  const stream = client.query(copyFrom(`COPY ${id(into)} (${columns}) FROM STDIN`));
  await pipeline(Readable.from(copyText(sqlite, table)), stream);
  return stream.rowCount;
}

/** COPY text format: tab-separated fields, `\N` for NULL, one line per row. */
function* copyText(sqlite: Database.Database, table: CopyTable): Generator<string> {
  const { columns } = table;
  const names = columns.map((c) => c.name);
  let chunk = '';
  for (const row of sourceRows(sqlite, table.name, names)) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const v = row[i];
      line += (i === 0 ? '' : '\t') + (v === null || v === undefined ? NULL_FIELD : columns[i].encode(v));
    }
    chunk += `${line}\n`;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
