'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useMinuteClock } from '@/hooks/use-minute-clock';
import { refetchAfterWrite } from '@/hooks/after-write';
import { PageShell } from '@/components/ui/page-shell';
import { formatUtc } from '@/lib/time/format-utc';
import type { TesterResult } from '@/db/queries/rule-tester';
import { sitesQuery } from '@/components/sites/site-api';
import { apiFetch } from './alert-api';
import { DeliveryLog } from './delivery-log';
import { RuleForm } from './rule-form';
import { emptyForm, formFromRule, type RuleItem } from './rule-form-model';
import { describeRule } from './rule-describe';
import { SeverityBadge } from './severity-badge';
import './alerts.css';

const DAY = 86_400_000;

/** Rules page: list, create, edit, test against history, enable/disable, silence, delete. */
export function RulesManager() {
  const client = useQueryClient();
  const rules = useQuery({ queryKey: ['alerts', 'rules'], queryFn: () => apiFetch<{ items: RuleItem[] }>('/api/alert-rules') });
  const sites = useQuery(sitesQuery);
  const [editing, setEditing] = useState<RuleItem | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [tested, setTested] = useState<{ rule: RuleItem; result: TesterResult } | null>(null);

  const write = useMutation({
    mutationFn: (v: { path: string; method: string; body?: unknown }) =>
      apiFetch<RuleItem & { webhookSecret?: string }>(v.path, { method: v.method, body: v.body }),
    onSuccess: (r, v) => {
      setNotice(
        r?.webhookSecret
          ? `Saved. Webhook signing secret (shown once): ${r.webhookSecret}`
          : v.method === 'DELETE'
            ? 'Rule deleted.'
            : 'Saved.',
      );
      if (v.method !== 'PATCH' || editing) {
        setEditing(null);
        setFormKey((k) => k + 1);
      }
    },
    onSettled: () => refetchAfterWrite(client, [['alerts', 'rules']]),
  });
  const test = useMutation({
    mutationFn: (r: RuleItem) =>
      apiFetch<TesterResult>(`/api/alert-rules/${r.id}/test`, { method: 'POST' }).then((result) => ({ rule: r, result })),
    onSuccess: setTested,
  });
  const patch = (r: RuleItem, body: Record<string, unknown>) => write.mutate({ path: `/api/alert-rules/${r.id}`, method: 'PATCH', body });
  const now = useMinuteClock();
  const silenced = (r: RuleItem) => Boolean(r.silencedUntil && now !== null && Date.parse(r.silencedUntil) > now);

  return (
    <PageShell title="Alert rules" current="/rules">
      {(write.error ?? test.error) && (
        <p role="alert" className="fw-error">
          {(write.error ?? test.error)?.message}
        </p>
      )}
      {notice && !write.error && (
        <p role="status" className="fw-notice">
          {notice}
        </p>
      )}
      <div className="fw-split fw-split-wide">
        <section aria-labelledby="fw-rule-list">
          <h2 id="fw-rule-list">Rules</h2>
          {rules.data?.items.length === 0 && <p className="fw-empty-state">No rules yet: create one with the form.</p>}
          {/* On a phone the table scrolls sideways inside its box instead of widening the page. */}
          <div className="fw-table-scroll">
            <table className="fw-data">
              <thead>
                <tr>
                  <th>Rule</th>
                  <th>Kind</th>
                  <th>Severity</th>
                  <th>Scope and parameters</th>
                  <th>State</th>
                  <th>Actions</th>
                </tr>
              </thead>
              <tbody>
                {rules.data?.items.map((r) => (
                  <tr key={r.id} data-testid="rule-row">
                    <td>
                      {r.name}
                      {/* The example flag is a column: it survives renames and edits. */}
                      {r.example && <span className="fw-badge">example</span>}
                    </td>
                    <td>{r.kind}</td>
                    <td>
                      <SeverityBadge severity={r.severity} />
                    </td>
                    <td className="tabular">
                      {describeRule(r, sites.data?.items ?? [])}
                      {r.webhookUrl && <div className="fw-muted">Webhook: {r.webhookUrl}</div>}
                    </td>
                    <td>
                      {!r.enabled ? 'Disabled' : silenced(r) ? `Silenced until ${formatUtc(Date.parse(r.silencedUntil!))}` : 'Enabled'}
                    </td>
                    <td>
                      <div className="fw-row">
                        <button
                          type="button"
                          className="fw-button fw-button-small"
                          onClick={() => test.mutate(r)}
                          disabled={test.isPending}
                        >
                          Test
                        </button>
                        <button type="button" className="fw-button fw-button-small" onClick={() => setEditing(r)}>
                          Edit
                        </button>
                        <button type="button" className="fw-button fw-button-small" onClick={() => patch(r, { enabled: !r.enabled })}>
                          {r.enabled ? 'Disable' : 'Enable'}
                        </button>
                        <button
                          type="button"
                          className="fw-button fw-button-small"
                          onClick={() => patch(r, { silencedUntil: silenced(r) ? null : new Date(Date.now() + DAY).toISOString() })}
                        >
                          {silenced(r) ? 'Unsilence' : 'Silence 24 h'}
                        </button>
                        <button
                          type="button"
                          className="fw-button fw-button-small fw-button-danger"
                          onClick={() =>
                            confirm(`Delete rule “${r.name}” and its alerts?`) &&
                            write.mutate({ path: `/api/alert-rules/${r.id}`, method: 'DELETE' })
                          }
                        >
                          Delete
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <RuleForm
          key={`${formKey}-${editing?.id ?? 'new'}`}
          initial={editing ? formFromRule(editing) : emptyForm()}
          editing={Boolean(editing)}
          sites={sites.data?.items ?? []}
          busy={write.isPending}
          onSubmit={(body) =>
            write.mutate(
              editing
                ? { path: `/api/alert-rules/${editing.id}`, method: 'PATCH', body }
                : { path: '/api/alert-rules', method: 'POST', body },
            )
          }
          onCancel={editing ? () => setEditing(null) : undefined}
        />
      </div>
      {tested && (
        <section aria-labelledby="fw-tester" data-testid="rule-test-result" className="fw-card">
          <h2 id="fw-tester">
            “{tested.rule.name}” would have fired {tested.result.count} time{tested.result.count === 1 ? '' : 's'} in the last{' '}
            {tested.result.days} days
          </h2>
          <ol>
            {tested.result.firings.map((f) => (
              <li key={`${f.at}-${f.incidentIds[0]}`} className="tabular">
                <time dateTime={f.at}>{formatUtc(Date.parse(f.at))}</time> — {f.summary}
              </li>
            ))}
          </ol>
        </section>
      )}
      <DeliveryLog />
    </PageShell>
  );
}
