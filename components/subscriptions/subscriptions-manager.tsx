'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageShell } from '@/components/ui/page-shell';
import { refetchAfterWrite } from '@/hooks/after-write';
import type { Subscription } from '@/lib/subscriptions/schema';
import { DeliveryLog } from './delivery-log';
import { subscriptionsQuery, SubscriptionWriteError, writeSubscription } from './subscription-api';
import { draftBody, SubscriptionForm, type SubscriptionDraft } from './subscription-form';
import './subscriptions.css';

function covers(s: Subscription): string {
  if ('viewId' in s.filter) return `saved view ${s.filter.viewId}`;
  return s.filter.query ? s.filter.query.replaceAll('&', ', ') : 'all incidents';
}

/** /subscriptions: the caller's subscriptions (admins: everyone's, with the owner), a form to add one, and each one's delivery log. */
export function SubscriptionsManager({
  accountEmail,
  admin,
  initialQuery,
}: {
  accountEmail: string;
  admin: boolean;
  initialQuery: string;
}) {
  const client = useQueryClient();
  const list = useQuery(subscriptionsQuery);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const write = useMutation({
    mutationFn: (v: { path: string; method: 'POST' | 'PATCH' | 'DELETE'; body?: unknown; done: string }) =>
      writeSubscription<unknown>(v.path, v.method, v.body),
    onSuccess: (_r, v) => {
      setNotice(v.done);
      setErrors({});
    },
    onError: (err) => {
      const issues = err instanceof SubscriptionWriteError ? err.issues : [];
      setErrors(issues.length ? Object.fromEntries(issues.map((i) => [i.path ?? 'form', i.message])) : { form: err.message });
      setNotice(null);
    },
    onSettled: () => refetchAfterWrite(client, [subscriptionsQuery.queryKey]),
  });
  const create = (d: SubscriptionDraft) =>
    write.mutate({ path: '/api/subscriptions', method: 'POST', body: draftBody(d), done: `Subscribed ${d.email.trim()}.` });
  const items = list.data?.items ?? [];

  return (
    <PageShell
      title="Subscriptions"
      current="/subscriptions"
      intro="The weekly brief every Monday morning, or alerts as they fire (a burst arrives as one mail), by email."
    >
      {list.data && !list.data.mailConfigured && (
        <p role="status" className="fw-warning">
          Email is not configured (SMTP_URL): subscriptions are kept, and nothing is sent until it is.
        </p>
      )}
      {notice && (
        <p role="status" className="fw-notice">
          {notice}
        </p>
      )}
      {list.error && (
        <p role="alert" className="fw-warning">
          {list.error.message}
        </p>
      )}
      <SubscriptionForm initialQuery={initialQuery} accountEmail={accountEmail} busy={write.isPending} errors={errors} onSubmit={create} />
      <section aria-labelledby="fw-subscription-list">
        <h2 id="fw-subscription-list">
          {admin ? 'All subscriptions' : 'Your subscriptions'} ({items.length})
        </h2>
        {items.length === 0 && !list.isPending && <p className="fw-muted">No subscriptions yet.</p>}
        <ul className="fw-subscription-list">
          {items.map((s) => (
            <li key={s.id} data-testid="subscription-item" className="fw-subscription-item">
              <div className="fw-row">
                <div className="fw-grow">
                  <strong>{s.kind === 'weekly' ? 'Weekly brief' : `Alerts, ${s.minSeverity} and above`}</strong> to {s.email}{' '}
                  {!s.enabled && <span className="fw-badge">disabled</span>}
                  {s.confirmedAt === null && <span className="fw-badge">waiting for confirmation</span>}
                  <div className="fw-muted">
                    Covers {covers(s)}
                    {admin && ` · owner ${s.owner.email}`}
                  </div>
                </div>
                <button
                  type="button"
                  className="fw-button"
                  onClick={() =>
                    write.mutate({
                      path: `/api/subscriptions/${s.id}`,
                      method: 'PATCH',
                      body: { enabled: !s.enabled },
                      done: s.enabled ? 'Disabled.' : 'Enabled.',
                    })
                  }
                >
                  {s.enabled ? 'Disable' : 'Enable'}
                </button>
                {s.kind === 'weekly' && (
                  <button
                    type="button"
                    className="fw-button"
                    disabled={!list.data?.mailConfigured || !s.enabled || s.confirmedAt === null}
                    onClick={() =>
                      write.mutate({
                        path: `/api/subscriptions/${s.id}/send`,
                        method: 'POST',
                        body: {},
                        done: `Sent last week's brief to ${s.email}.`,
                      })
                    }
                  >
                    Send this week&apos;s brief now
                  </button>
                )}
                <button
                  type="button"
                  className="fw-button"
                  aria-expanded={open === s.id}
                  onClick={() => setOpen(open === s.id ? null : s.id)}
                >
                  Delivery log
                </button>
                <button
                  type="button"
                  className="fw-button"
                  aria-label={`Delete subscription ${s.id}`}
                  onClick={() =>
                    confirm(`Delete this subscription of ${s.email}?`) &&
                    write.mutate({ path: `/api/subscriptions/${s.id}`, method: 'DELETE', done: 'Deleted.' })
                  }
                >
                  Delete
                </button>
              </div>
              {open === s.id && <DeliveryLog id={s.id} />}
            </li>
          ))}
        </ul>
      </section>
    </PageShell>
  );
}
