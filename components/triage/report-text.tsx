import type { ReportItem } from '@/lib/intake/report-types';
import { categoryOf, fieldLabel, FIELD_CATEGORIES, spanSegments } from './span-segments';

/**
 * The report as the extractor read it, `title + "\n" + text`, with every span marked by field.
 * Built from React text nodes and <mark> elements only: the text is data, never parsed as HTML.
 */
export function ReportText({ report }: { report: Pick<ReportItem, 'title' | 'text' | 'spans'> }) {
  const analysed = `${report.title ?? ''}\n${report.text}`;
  const segments = spanSegments(analysed, report.spans);
  const used = new Set(report.spans.map((s) => categoryOf(s.field)));
  return (
    <section aria-labelledby="fw-report-text" className="fw-triage-text">
      <h3 id="fw-report-text" className="sr-only">
        Report text
      </h3>
      <ul className="fw-span-legend" aria-label="Highlight colours">
        {FIELD_CATEGORIES.filter((c) => used.has(c.id)).map((c) => (
          <li key={c.id}>
            <mark className={`fw-span fw-span-${c.id}`}>{c.label}</mark>
          </li>
        ))}
        {used.size === 0 && <li className="fw-muted">Nothing was extracted from this text.</li>}
      </ul>
      <div className="fw-report-body" data-testid="report-text">
        {segments.map((s) =>
          s.fields.length === 0 ? (
            s.text
          ) : (
            <mark
              key={s.start}
              className={`fw-span fw-span-${categoryOf(s.fields[0])}${s.fields.length > 1 ? ' fw-span-multi' : ''}`}
              data-fields={s.fields.join(' ')}
              title={s.fields.map(fieldLabel).join(', ')}
            >
              {s.text}
            </mark>
          ),
        )}
      </div>
    </section>
  );
}
