import type { Counts, Split, WeeklyReport } from '@/lib/reports/types';
import { ChangeText, DirectionBadge } from './change-badge';

function SplitLine({ split }: { split: Split }) {
  return (
    <span className="fw-fine fw-muted">
      security forces {split.security} · civilians {split.civilians} · militants {split.militants}
      {split.unattributed > 0 ? ` · not attributed ${split.unattributed}` : ''}
    </span>
  );
}

function Figure({ label, k, r, split }: { label: string; k: keyof Counts; r: WeeklyReport; split?: Split }) {
  return (
    <div className="headline-figure">
      <div className="fw-small fw-muted">{label}</div>
      <div className="headline-value tabular" data-testid={`total-${k}`}>
        {r.totals[k]}
      </div>
      <div className="fw-fine tabular">
        <ChangeText change={r.change.previous[k]} />{' '}
        <span className="fw-muted">
          vs {r.previous[k]} in {r.previous.week}
        </span>
      </div>
      <div className="fw-fine tabular">
        <ChangeText change={r.change.fourWeekAverage[k]} /> <span className="fw-muted">vs 4-week avg {r.fourWeekAverage[k]}</span>
      </div>
      {split && <SplitLine split={split} />}
    </div>
  );
}

export function ReportHeadline({ report }: { report: WeeklyReport }) {
  return (
    <section aria-labelledby="headline" className="report-section">
      <h2 id="headline" className="sr-only">
        Headline
      </h2>
      <div className="headline-grid">
        <Figure label="Incidents" k="incidents" r={report} />
        <Figure label="Killed" k="killed" r={report} split={report.totals.killedBy} />
        <Figure label="Injured" k="injured" r={report} split={report.totals.injuredBy} />
      </div>
      <p className="fw-small">
        <DirectionBadge direction={report.change.previous.direction} against="previous week" />{' '}
        <DirectionBadge direction={report.change.fourWeekAverage.direction} against="4-week average" />
      </p>
    </section>
  );
}
