import Link from 'next/link';
import { SiteNav } from '@/components/ui/site-nav';
import type { MapPoint } from '@/db/queries/weekly-lists';
import type { WeeklyReport } from '@/lib/reports/types';
import { weeklySearch } from '@/lib/reports/search';
import { formatWeekRange } from '@/lib/reports/week';
import { addWeeks, formatWeek, parseWeek } from '@/lib/time/iso-week';
import { dayNumber } from '@/lib/time/zone';
import { BreakdownTable } from './breakdown-table';
import { IncidentList } from './incident-list';
import { ReportFilters } from './report-filters';
import { ReportHeadline } from './report-headline';
import { ActorsAndBorderSection, AlertsSection, ClaimsSection, ProvenanceSection } from './report-sections';
import { TrendCharts } from './trend-chart';
import { WeekMap } from './week-map';
import './weekly-report.css';

interface Props {
  report: WeeklyReport;
  points: MapPoint[];
  groups: { id: string; name: string }[];
  regions: { id: string; name: string }[];
}

export function WeeklyReportView({ report: r, points, groups, regions }: Props) {
  const filters = { group: r.filters.group, region: r.filters.region, source: r.filters.source };
  const w = parseWeek(r.week)!;
  const link = (n: number) => `/reports/weekly/${formatWeek(addWeeks(w, n))}${weeklySearch(filters)}`;
  const download = (format: 'csv' | 'md') => `/api/reports/weekly/export${weeklySearch({ week: r.week, ...filters, format })}`;
  return (
    <main className="fw-page weekly-report">
      <div className="no-print fw-page-head">
        <SiteNav current="/reports/weekly" />
      </div>
      <nav className="no-print fw-small report-nav" aria-label="Weeks">
        <Link href={`/reports/weekly${weeklySearch(filters)}`}>All weeks</Link> ·{' '}
        <Link href={link(-1)}>← {formatWeek(addWeeks(w, -1))}</Link> · <Link href={link(1)}>{formatWeek(addWeeks(w, 1))} →</Link>
      </nav>
      <header className="report-header">
        <h1 className="fw-page-title">
          Weekly brief <span data-testid="report-week">{r.week}</span>
        </h1>
        <p className="fw-muted">
          {formatWeekRange(dayNumber(r.start), dayNumber(r.end))} · Monday–Sunday, {r.timeZone}
          {!r.complete && <strong> · week in progress</strong>}
          {(r.filters.group.length > 0 || r.filters.region.length > 0 || r.filters.source.length > 0) && (
            <>
              {' '}
              · narrowed to{' '}
              {[
                ...r.filters.group,
                ...r.filters.region.map((x) => regions.find((g) => g.id === x)?.name ?? x),
                ...r.filters.source.map((s) => `${s} data`),
              ].join(', ')}
            </>
          )}
        </p>
        {r.provenance.demo > 0 && <p className="demo-notice fw-small">Includes synthetic demo data ({r.provenance.demo} rows).</p>}
      </header>
      <div className="no-print report-toolbar">
        <ReportFilters groups={groups} regions={regions} group={r.filters.group} region={r.filters.region} source={r.filters.source} />
        <span className="fw-small">
          Download:{' '}
          <a href={download('csv')} download>
            CSV (incidents)
          </a>{' '}
          ·{' '}
          <a href={download('md')} download>
            Markdown (brief)
          </a>
        </span>
      </div>
      <ReportHeadline report={r} />
      <section className="report-section" aria-labelledby="narrative-title">
        <h2 id="narrative-title">Summary</h2>
        <p data-testid="narrative">{r.narrative}</p>
      </section>
      <div className="report-two-col">
        <section className="report-section" aria-labelledby="trend-title">
          <h2 id="trend-title">12-week trend</h2>
          <TrendCharts trend={r.trend} regions={r.byRegion.map((x) => ({ region: x.region, name: x.name }))} />
        </section>
        <section className="report-section" aria-labelledby="map-title">
          <h2 id="map-title">Incidents this week</h2>
          <WeekMap points={points} total={r.totals.incidents} />
        </section>
      </div>
      <section className="report-section" aria-labelledby="notable-title">
        <h2 id="notable-title">Notable incidents</h2>
        <IncidentList items={r.notable} empty="No incidents this week." testId="notable" />
      </section>
      <div className="print-page-2">
        <BreakdownTable
          title="By region"
          column="Region"
          testId="by-region"
          rows={r.byRegion.map((x) => ({ ...x, key: x.region, label: x.name }))}
        />
        <BreakdownTable
          title="By group"
          column="Group"
          testId="by-group"
          rows={r.byGroup.map((x) => ({ ...x, key: x.group, label: x.name, colour: x.colour }))}
        />
        <BreakdownTable
          title="By event type"
          column="Event type"
          testId="by-type"
          rows={r.byType.map((x) => ({ ...x, key: x.eventType, label: x.eventType }))}
        />
        <AlertsSection report={r} />
        <ActorsAndBorderSection report={r} />
        <ClaimsSection report={r} />
        <ProvenanceSection report={r} />
      </div>
    </main>
  );
}
