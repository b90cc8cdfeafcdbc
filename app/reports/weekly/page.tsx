import { PageShell } from '@/components/ui/page-shell';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getStore } from '@/db/client';
import { listReportWeeks } from '@/db/queries/weekly-index';
import { authorizePage } from '@/server/auth/authorize';
import { env } from '@/lib/env';
import { weeklyParamsFromSearch, weeklyParamsSchema } from '@/lib/reports/params';
import { weeklySearch } from '@/lib/reports/search';
import { currentWeek, formatWeekRange } from '@/lib/reports/week';
import { dayNumber } from '@/lib/time/zone';
import '@/components/reports/weekly-report.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Weekly briefs · Frontier Watch' };

export default async function WeeklyIndexPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await authorizePage('viewer');
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) for (const x of [v].flat()) if (typeof x === 'string') sp.append(k, x);
  sp.delete('week');
  const parsed = weeklyParamsSchema.safeParse(weeklyParamsFromSearch(sp));
  const filter = parsed.success ? { group: parsed.data.group, region: parsed.data.region } : {};
  const timeZone = env().REPORT_TIME_ZONE;
  const weeks = await listReportWeeks(getStore(), { current: currentWeek(Date.now(), timeZone), filter });
  const search = weeklySearch(filter);
  return (
    <PageShell
      title="Weekly briefs"
      current="/reports/weekly"
      className="weekly-report"
      intro={`ISO weeks, Monday to Sunday, in ${timeZone}. Newest first; weeks without incidents are left out.`}
    >
      {!parsed.success && (
        <p role="alert" className="fw-error">
          Invalid filter in the URL; showing all incidents.
        </p>
      )}
      <ol className="week-list tabular" data-testid="week-list">
        {weeks.map((w) => (
          <li
            key={w.week}
            className={w.latestComplete ? 'week-latest' : undefined}
            data-testid={w.latestComplete ? 'latest-complete-week' : undefined}
          >
            <Link href={`/reports/weekly/${w.week}${search}`}>{w.week}</Link>
            <span>{formatWeekRange(dayNumber(w.start), dayNumber(w.start) + 6)}</span>
            <span>
              {w.incidents} {w.incidents === 1 ? 'incident' : 'incidents'}
            </span>
            {w.latestComplete && <span>latest complete week</span>}
            {w.inProgress && <span className="fw-muted">in progress</span>}
          </li>
        ))}
      </ol>
    </PageShell>
  );
}
