import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { IMPORT_LIMIT_BYTES, importCsvAsync } from '@/server/import/import';
import { authorize } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { AppError, badRequest } from '@/lib/errors';
import { parseOr400, readBodyText, route } from '@/server/http/respond';
import { unknownParams } from '@/lib/validation/incident-filter';
import { IMPORT_PARAM_NAMES, importQuery } from '@/lib/validation/route-queries';

export const dynamic = 'force-dynamic';

const CSV_TYPES = /^(text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel)\b/i;

/** The CSV text and file name from a text/csv body or a multipart upload's `file` field. */
async function readCsv(req: Request): Promise<{ text: string; fileName: string | null }> {
  const type = req.headers.get('content-type') ?? '';
  if (CSV_TYPES.test(type)) return { text: await readBodyText(req, IMPORT_LIMIT_BYTES), fileName: null };
  if (/^multipart\/form-data\b/i.test(type)) {
    const raw = await readBodyText(req, IMPORT_LIMIT_BYTES);
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData().catch(() => {
      throw badRequest('The multipart body could not be parsed.');
    });
    const file = form.get('file');
    if (!file || typeof file === 'string')
      throw badRequest('Upload the CSV in a form field named "file".', [{ path: 'file', message: 'missing file field' }]);
    return { text: await file.text(), fileName: file.name.slice(0, 255) || null };
  }
  throw new AppError('unsupported_media_type', 'Send the CSV as text/csv, or as multipart/form-data with a "file" field.');
}

/**
 * Imports an ACLED or native CSV all-or-nothing: 200 with counts, or 422 listing every bad row
 * (`row` is the spreadsheet row number, header = 1) with nothing written.
 */
export const POST = route(async (req: Request) => {
  const principal = await authorize(req, 'analyst');
  const params = new URL(req.url).searchParams;
  const unknown = unknownParams(params, IMPORT_PARAM_NAMES);
  if (unknown.length)
    throw badRequest(
      `Unknown parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      unknown.map((u) => ({ path: u, message: 'unknown parameter' })),
    );
  const query = parseOr400(importQuery, Object.fromEntries(params), 'query');
  const { text, fileName } = await readCsv(req);
  const report = await importCsvAsync(getStore(), text, {
    format: query.format,
    dryRun: query.dryRun,
    fileName,
    createdBy: principal.id,
    timeZone: env().REPORT_TIME_ZONE,
  });
  if (report.errors.length) {
    const n = new Set(report.errors.map((e) => e.row)).size;
    const message = `${n} row${n > 1 ? 's are' : ' is'} invalid; nothing was imported.`;
    return NextResponse.json({ error: { code: 'invalid_rows', message, issues: report.errors }, ...report }, { status: 422 });
  }
  return NextResponse.json(report);
});
