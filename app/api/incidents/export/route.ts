import { getStore } from '@/db/client';
import { iterateExportChunks } from '@/db/queries/export';
import { authorize } from '@/server/auth/authorize';
import { parseQuery } from '@/server/http/parse-filter-request';
import { route } from '@/server/http/respond';
import { csvExportPieces, geojsonExportPieces } from '@/lib/incidents/export-pieces';
import { INCIDENT_EXPORT_PARAM_NAMES, incidentExportQuery } from '@/lib/validation/route-queries';

export const dynamic = 'force-dynamic';

/**
 * Streams pieces produced lazily by a generator, so large exports never sit in memory: the next
 * batch is read from the database only when the client has taken the previous one (pull).
 */
function streamOf(pieces: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}

/** Ids are taken from the index 1,000 at a time; rows are read and written 100 at a time (db/queries/export.ts). */
const ROWS_PER_READ = 100;

/** All incidents matching the filter as ACLED-ordered CSV (+ our columns; `hxl=true` adds HXL hashtags) or an RFC 7946 FeatureCollection. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const { format, hxl, ...filter } = parseQuery(req, incidentExportQuery, INCIDENT_EXPORT_PARAM_NAMES);
  const csv = format === 'csv';
  const chunks = iterateExportChunks(getStore(), filter, 1000, { rowsPerRead: ROWS_PER_READ, extras: csv });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(streamOf(csv ? csvExportPieces(chunks, hxl) : geojsonExportPieces(chunks)), {
    headers: {
      'content-type': csv ? 'text/csv; charset=utf-8' : 'application/geo+json; charset=utf-8',
      'content-disposition': `attachment; filename="frontier-watch-incidents-${stamp}.${csv ? 'csv' : 'geojson'}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
