import { getStore } from '@/db/client';
import { weeklyCsvPieces, weeklyMarkdown } from '@/db/queries/weekly-export';
import { authorize } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { route } from '@/server/http/respond';
import { weeklyExportParamsSchema } from '@/lib/reports/params';
import { parseWeeklyQuery } from '@/server/http/parse-report-request';

export const dynamic = 'force-dynamic';

async function csvText(pieces: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of pieces) text += piece;
  return text;
}

/** GET /api/reports/weekly/export?week=2024-W50&format=csv|md[&group=…&region=…] → a download. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const timeZone = env().REPORT_TIME_ZONE;
  const q = parseWeeklyQuery(weeklyExportParamsSchema, req.url, timeZone);
  const opts = { week: q.week, timeZone, group: q.group, region: q.region, source: q.source };
  const suffix = [q.week, ...(q.group ?? []), ...(q.region ?? []), ...(q.source ?? [])].join('-').replace(/[^A-Za-z0-9-]/g, '_');
  // A week is at most a few thousand rows: the CSV is joined in memory rather than streamed.
  const [body, type, ext] =
    q.format === 'md'
      ? [await weeklyMarkdown(getStore(), opts), 'text/markdown; charset=utf-8', 'md']
      : [await csvText(weeklyCsvPieces(getStore(), opts)), 'text/csv; charset=utf-8', 'csv'];
  return new Response(body, {
    headers: {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="frontier-watch-weekly-${suffix}.${ext}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
