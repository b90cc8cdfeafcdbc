import { EXPORT_COLUMNS, exportCsvRecord } from '@/lib/acled/export-row';
import { HXL_ROW } from '@/lib/acled/hxl';
import { CSV_BOM, csvRecord } from '@/lib/csv/write';
import type { IncidentItem } from './item';
import { incidentFeatureText } from './geojson-text';

/** One row of an export as the readers hand it on (db/queries/export.ts). */
export interface ExportRowIn {
  item: IncidentItem;
  acledExtra: Record<string, string> | null;
}

/**
 * Pieces of about this many characters: below V8's 128 KiB large-object size, and few enough
 * writes that the stream's per-write cost stays small (~48 KB of CSV holds ~75 rows).
 */
export const PIECE_CHARS = 48 * 1024;

const encoder = new TextEncoder();

/**
 * Turns batches of rows into UTF-8 pieces of about PIECE_CHARS, each batch all at once before
 * anything is handed on: the rows die young (a scavenge frees them), and what waits for the
 * client is encoded bytes (outside V8's heap) and the text of fewer than PIECE_CHARS characters
 * carried to the next batch.
 */
function encoderOf(line: (r: ExportRowIn) => string): (rows: readonly ExportRowIn[] | null) => Uint8Array[] {
  let text = '';
  return (rows) => {
    const out: Uint8Array[] = [];
    if (!rows) {
      if (text) out.push(encoder.encode(text));
      text = '';
      return out;
    }
    for (let k = 0; k < rows.length; k++) {
      text += line(rows[k]);
      if (text.length >= PIECE_CHARS) {
        out.push(encoder.encode(text));
        text = '';
      }
    }
    return out;
  };
}

type Batches = AsyncIterator<readonly ExportRowIn[]>;

/**
 * Every batch through `encode` (then null, for the rest), one batch at a time. The batch is read
 * and encoded inside an awaited call, so no reference to its rows outlives it while the pieces
 * wait to be written.
 */
async function* piecesOf(batches: Batches, encode: (rows: readonly ExportRowIn[] | null) => Uint8Array[]): AsyncGenerator<Uint8Array> {
  const next = async (): Promise<Uint8Array[] | null> => {
    const r = await batches.next();
    return r.done ? null : encode(r.value);
  };
  try {
    for (let pieces = await next(); pieces; pieces = await next()) yield* pieces;
    yield* encode(null);
  } finally {
    await batches.return?.();
  }
}

/** The CSV export: byte order mark, header (and the HXL row), one record per incident. */
export async function* csvExportPieces(batches: Batches, hxl: boolean): AsyncGenerator<Uint8Array> {
  yield encoder.encode(CSV_BOM + csvRecord(EXPORT_COLUMNS) + (hxl ? csvRecord(HXL_ROW) : ''));
  yield* piecesOf(
    batches,
    encoderOf((r) => exportCsvRecord(r.item, r.acledExtra)),
  );
}

/** The GeoJSON export: one RFC 7946 FeatureCollection. */
export async function* geojsonExportPieces(batches: Batches): AsyncGenerator<Uint8Array> {
  yield encoder.encode('{"type":"FeatureCollection","features":[');
  let first = true;
  yield* piecesOf(
    batches,
    encoderOf((r) => {
      const text = (first ? '' : ',') + incidentFeatureText(r.item);
      first = false;
      return text;
    }),
  );
  yield encoder.encode(']}');
}
