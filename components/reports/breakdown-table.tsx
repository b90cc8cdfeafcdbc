import type { BreakdownRow } from '@/lib/reports/types';
import { ChangeText, Delta } from './change-badge';

export interface LabelledRow extends BreakdownRow {
  key: string;
  label: string;
  colour?: string;
}

/** Counts, killed and injured with week-over-week deltas. */
export function BreakdownTable({ title, column, rows, testId }: { title: string; column: string; rows: LabelledRow[]; testId: string }) {
  return (
    <section className="report-section" aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="fw-muted fw-small">No incidents this week or the week before.</p>
      ) : (
        <div className="report-table-scroll">
          <table className="report-table tabular" data-testid={testId}>
            <thead>
              <tr>
                <th scope="col">{column}</th>
                <th scope="col">Incidents</th>
                <th scope="col">Δ week</th>
                <th scope="col">Killed</th>
                <th scope="col">Δ</th>
                <th scope="col">Injured</th>
                <th scope="col">Δ</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-key={r.key}>
                  <th scope="row">
                    {r.colour && <span className="swatch" style={{ background: r.colour }} aria-hidden="true" />}
                    {r.label}
                  </th>
                  <td>{r.incidents}</td>
                  <td>
                    <ChangeText change={r.change.incidents} />
                  </td>
                  <td>{r.killed}</td>
                  <td>
                    <Delta value={r.delta.killed} />
                  </td>
                  <td>{r.injured}</td>
                  <td>
                    <Delta value={r.delta.injured} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
