/**
 * import_batches.changed_ids: the ids of the incidents an import inserted or updated, so the
 * in-memory incident index can catch up on a large import's single outbox row without a table
 * scan (db/queries/incident-index.ts). Float64 little-endian: exact for every id SQLite can hand
 * out below 2^53.
 */

/** Past this many changed rows the list is not stored: the index reloads at that size anyway. */
export const IMPORT_CHANGED_IDS_MAX = 20_000;

export function encodeChangedIds(ids: readonly number[]): Buffer | null {
  if (ids.length > IMPORT_CHANGED_IDS_MAX) return null;
  const out = Buffer.alloc(ids.length * 8);
  ids.forEach((id, i) => out.writeDoubleLE(id, i * 8));
  return out;
}

export function decodeChangedIds(blob: Uint8Array): number[] {
  if (blob.byteLength % 8 !== 0) throw new Error(`changed_ids holds ${blob.byteLength} bytes, not a whole number of ids`);
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  return Array.from({ length: b.length / 8 }, (_, i) => b.readDoubleLE(i * 8));
}
