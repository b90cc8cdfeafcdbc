import type { SourceItem } from '@/lib/intake/report-types';

/** An ACLED source's sync, in one cell: what it reads and how far the backfill or delta has come. */
export function AcledSyncStatus({ source }: { source: SourceItem }) {
  const s = source.sync;
  if (!s) return null;
  return (
    <div data-testid="acled-sync" className="fw-small">
      <div>
        {(source.countries ?? []).join(', ')} since {source.since}
      </div>
      <div>
        {s.phase === 'backfill' ? 'Backfill' : 'Delta'}
        {s.country ? `: ${s.country}, page ${s.page}` : ''} · {s.pages} pages · {s.rows} rows
        {s.deleted ? ` · ${s.deleted} deleted by ACLED` : ''}
        {s.skipped ? ` · ${s.skipped} rows left out` : ''}
      </div>
      {s.lastTimestamp && <div>Newest change stored: {s.lastTimestamp}</div>}
      {s.lastSkip && <div title="last row left out">Left out: {s.lastSkip}</div>}
      {source.authFailed && <div role="alert">Waiting for new credentials: edit the source.</div>}
    </div>
  );
}
