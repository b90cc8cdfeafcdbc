'use client';
import { DateField } from '@/components/ui/date-field';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch } from '@/components/alerts/alert-api';
import { refetchAfterWrite } from '@/hooks/after-write';
import { REPORTS_KEY } from '@/hooks/reports';
import type { ReportItem } from '@/lib/intake/report-types';

const MAX_TEXT = 50_000;
const EMPTY = { title: '', text: '', url: '', sourceName: '', publishedAt: '' };

/**
 * A press release, a message or an article pasted by hand (POST /api/reports): it goes through
 * the same extraction as feed items and opens in the queue. The server answers the same article
 * pasted twice (same URL) with the report it already has.
 */
export function PasteReport({ onCreated }: { onCreated: (id: number) => void }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const paste = useMutation({
    mutationFn: () =>
      apiFetch<ReportItem>('/api/reports', {
        method: 'POST',
        body: {
          text: form.text,
          ...(form.title.trim() && { title: form.title.trim() }),
          ...(form.url.trim() && { url: form.url.trim() }),
          ...(form.sourceName.trim() && { sourceName: form.sourceName.trim() }),
          // The field's value has no zone: the browser's own, as the analyst read it.
          ...(form.publishedAt && {
            publishedAt: new Date(form.publishedAt.length === 10 ? `${form.publishedAt}T00:00` : form.publishedAt).toISOString(),
          }),
        },
      }),
    onSuccess: (r) => {
      setForm(EMPTY);
      setOpen(false);
      void refetchAfterWrite(client, [REPORTS_KEY]);
      onCreated(r.id);
    },
  });
  const field = (key: keyof typeof EMPTY) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });
  return (
    <details className="fw-paste" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Paste a report</summary>
      <form
        className="fw-draft-group"
        aria-label="Paste a report"
        onSubmit={(e) => {
          e.preventDefault();
          paste.mutate();
        }}
      >
        <label className="fw-field fw-wide">
          <span>Headline</span>
          <input maxLength={500} {...field('title')} />
        </label>
        <label className="fw-field fw-wide">
          <span>
            Text <abbr title="required">*</abbr>
          </span>
          <textarea rows={6} required maxLength={MAX_TEXT} {...field('text')} />
        </label>
        <label className="fw-field">
          <span>Outlet</span>
          <input maxLength={200} placeholder="e.g. Dawn" {...field('sourceName')} />
        </label>
        <label className="fw-field">
          <span>Link</span>
          <input type="url" maxLength={2000} placeholder="https://…" {...field('url')} />
        </label>
        <DateField
          label="Published (your local time)"
          withTime
          testId="paste-published"
          value={form.publishedAt}
          onChange={(publishedAt) => setForm((f) => ({ ...f, publishedAt }))}
        />
        <button type="submit" className="fw-button" disabled={paste.isPending || !form.text.trim()}>
          Add to the queue
        </button>
        {paste.error && (
          <p role="alert" className="fw-warning">
            {paste.error.message}
          </p>
        )}
      </form>
    </details>
  );
}
