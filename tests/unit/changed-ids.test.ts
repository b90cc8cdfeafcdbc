import { describe, expect, it } from 'vitest';
import { decodeChangedIds, encodeChangedIds, IMPORT_CHANGED_IDS_MAX } from '@/db/changed-ids';

describe('import_batches.changed_ids encoding', () => {
  it('round-trips ids in order, large ones included', () => {
    const ids = [5, 1, 2 ** 31 + 7, 2 ** 53 - 1, 42];
    const blob = encodeChangedIds(ids)!;
    expect(blob.byteLength).toBe(40);
    expect(decodeChangedIds(blob)).toEqual(ids);
    // As SQLite hands it back: a view into a larger buffer.
    const inLarger = new Uint8Array(new ArrayBuffer(64), 8, 40);
    inLarger.set(blob);
    expect(decodeChangedIds(inLarger)).toEqual(ids);
    expect(decodeChangedIds(encodeChangedIds([])!)).toEqual([]);
  });

  it('stores nothing past the limit and refuses a blob that is not whole ids', () => {
    expect(encodeChangedIds(Array.from({ length: IMPORT_CHANGED_IDS_MAX }, (_, i) => i))).not.toBeNull();
    expect(encodeChangedIds(Array.from({ length: IMPORT_CHANGED_IDS_MAX + 1 }, (_, i) => i))).toBeNull();
    expect(() => decodeChangedIds(new Uint8Array(12))).toThrow(/12 bytes/);
  });
});
