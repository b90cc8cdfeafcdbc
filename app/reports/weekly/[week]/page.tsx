import type { Metadata } from 'next';
import Link from 'next/link';
import { getStore } from '@/db/client';
import { computeWeeklyReport } from '@/db/queries/weekly';
import { groupNames, weekPoints } from '@/db/queries/weekly-lists';
import { WeeklyReportView } from '@/components/reports/weekly-report-view';
import { authorizePage } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { weeklyParamsSchema, weeklyParamsFromSearch } from '@/lib/reports/params';
import { weekBounds, weekProblem } from '@/lib/reports/week';
import { parseWeek } from '@/lib/time/iso-week';
import { REGIONS } from '@/lib/taxonomy/regions';
import { ELSEWHERE } from '@/lib/reports/assemble';

export const dynamic = 'force-dynamic';

type PageProps = { params: Promise<{ week: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { week } = await params;
  return { title: `Weekly brief ${decodeURIComponent(week).slice(0, 20)} · Frontier Watch` };
}

function Problem({ message }: { message: string }) {
  return (
    <main className="fw-page weekly-report">
      <h1 className="fw-page-title">Weekly brief</h1>
      <p role="alert">{message}</p>
      <p>
        <Link href="/reports/weekly">Choose a week from the list</Link>.
      </p>
    </main>
  );
}

export default async function WeeklyReportPage({ params, searchParams }: PageProps) {
  await authorizePage('viewer');
  const week = decodeURIComponent((await params).week);
  const problem = weekProblem(week);
  if (problem) return <Problem message={`“${week.slice(0, 40)}” is not a report week: ${problem}.`} />;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) for (const x of [v].flat()) if (typeof x === 'string') sp.append(k, x);
  sp.delete('week');
  const parsed = weeklyParamsSchema.safeParse(weeklyParamsFromSearch(sp));
  if (!parsed.success)
    return (
      <Problem message={`Invalid filter in the URL: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`} />
    );

  const db = getStore();
  const timeZone = env().REPORT_TIME_ZONE;
  const filter = { group: parsed.data.group, region: parsed.data.region, source: parsed.data.source };
  const [report, points, names] = await Promise.all([
    computeWeeklyReport(db, { week, timeZone, ...filter }),
    weekPoints(db, weekBounds(parseWeek(week)!, timeZone).startDay, filter),
    groupNames(db),
  ]);
  const groups = [...names]
    .map(([id, g]) => ({ id, name: g.abbreviation ? `${g.abbreviation} — ${g.name}` : g.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const regions = [...REGIONS.map((r) => ({ id: r.id, name: r.name })), { id: ELSEWHERE.region, name: ELSEWHERE.name }];
  return <WeeklyReportView report={report} points={points} groups={groups} regions={regions} />;
}
