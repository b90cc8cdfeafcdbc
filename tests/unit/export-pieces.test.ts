import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportCsvRecord } from '@/lib/acled/export-row';
import { HXL_ROW } from '@/lib/acled/hxl';
import { CSV_BOM, csvRecord } from '@/lib/csv/write';
import { csvExportPieces, geojsonExportPieces, PIECE_CHARS, type ExportRowIn } from '@/lib/incidents/export-pieces';
import { incidentFeature } from '@/lib/incidents/geojson';
import { toIncidentItem } from '@/lib/incidents/item';
import type { IncidentRecord } from '@/lib/incidents/record';

function row(id: number, notes: string): ExportRowIn {
  const r: IncidentRecord = {
    id,
    source: 'acled',
    sourceId: `PAK${id}`,
    occurredAt: Date.UTC(2024, 0, 1) + id * 60_000,
    occurredDay: 19_723,
    hasTime: true,
    timePrecision: 1,
    country: 'PK',
    admin1: 'Khyber Pakhtunkhwa',
    admin2: null,
    admin3: null,
    location: 'Bannu',
    lat: 32.99,
    lon: 70.6,
    geoPrecision: 1,
    region: 'kp',
    eventType: 'Battles',
    subEventType: 'Armed clash',
    groupId: 'ttp',
    actor1: null,
    assocActors: null,
    actor2: null,
    claimStatus: 'claimed',
    target: 'civilians',
    killed: id % 4,
    injured: null,
    killedSecurity: null,
    killedCivilians: null,
    killedMilitants: null,
    injuredSecurity: null,
    injuredCivilians: null,
    injuredMilitants: null,
    crossBorder: false,
    sources: '["Dawn"]',
    sourceCount: 1,
    mergedDatasets: 0,
    sourceScale: null,
    verification: 'reported',
    notes,
    dataset: 'import',
    importBatchId: null,
    acledExtra: null,
    createdAt: 0,
    updatedAt: 0,
  };
  const item = toIncidentItem(r, { groupName: 'TTP', groupColour: '#aa0000', groupKind: 'jihadist' });
  return { item, acledExtra: id % 3 ? null : { inter1: `=${id}` } };
}

// Rows of very different sizes (some far over a piece), in batches of 0 to 9 rows.
const ROWS = Array.from({ length: 400 }, (_, k) => row(k + 1, k % 50 === 7 ? 'é"x,\n'.repeat(PIECE_CHARS / 3) : `note ${k}`));
function batchesOf(rows: readonly ExportRowIn[]): ExportRowIn[][] {
  const out: ExportRowIn[][] = [];
  for (let k = 0, n = 0; k < rows.length; k += n, n = (n + 4) % 10) out.push(rows.slice(k, k + n));
  return out;
}
async function* source(batches: ExportRowIn[][], log: string[] = []) {
  try {
    // A database read between batches, as the real source has.
    for (const b of batches) yield await Promise.resolve(b);
  } finally {
    log.push('closed');
  }
}
async function text(pieces: AsyncGenerator<Uint8Array>): Promise<{ text: string; sizes: number[] }> {
  const parts: Uint8Array[] = [];
  for await (const p of pieces) parts.push(p);
  return { text: Buffer.concat(parts).toString('utf8'), sizes: parts.map((p) => p.length) };
}

describe('export pieces', () => {
  it('CSV: the bytes of the header and every record, whatever the batches, in pieces of about PIECE_CHARS', async () => {
    const want = CSV_BOM + csvRecord(EXPORT_COLUMNS) + csvRecord(HXL_ROW) + ROWS.map((r) => exportCsvRecord(r.item, r.acledExtra)).join('');
    const { text: got, sizes } = await text(csvExportPieces(source(batchesOf(ROWS)), true));
    expect(got).toBe(want);
    // A piece closes once it reaches PIECE_CHARS (carried over batches): only the last one is shorter.
    expect(sizes.length).toBeGreaterThan(3);
    expect(sizes.slice(1, -1).every((n) => n >= PIECE_CHARS)).toBe(true);
    const { text: plain } = await text(csvExportPieces(source([ROWS]), false));
    expect(plain).toBe(CSV_BOM + csvRecord(EXPORT_COLUMNS) + ROWS.map((r) => exportCsvRecord(r.item, r.acledExtra)).join(''));
  });

  it('GeoJSON: one FeatureCollection, commas right across batches (empty ones too), features as JSON.stringify writes them', async () => {
    const batches = [[], ...batchesOf(ROWS), []];
    const { text: got } = await text(geojsonExportPieces(source(batches)));
    expect(got).toBe(JSON.stringify({ type: 'FeatureCollection', features: ROWS.map((r) => incidentFeature(r.item)) }));
    expect((await text(geojsonExportPieces(source([[]])))).text).toBe('{"type":"FeatureCollection","features":[]}');
  });

  it('closes the row source when the client goes away mid-stream', async () => {
    const log: string[] = [];
    const pieces = csvExportPieces(source(batchesOf(ROWS), log), false);
    await pieces.next();
    await pieces.next();
    await pieces.return(undefined);
    expect(log).toEqual(['closed']);
  });
});
