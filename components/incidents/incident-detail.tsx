'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { IncidentHistory } from './incident-history';
import { ApiError, incidentQuery } from '@/hooks/queries';
import type { IncidentDetail as Detail, IncidentItem } from '@/lib/incidents/item';
import { ClaimsLedger, SourceRecords, SourcesSay } from './incident-provenance';
import { formatCount, formatOccurred, humanize, placeOf, precisionLabel, safeUrl } from './format';

/** The selected incident, rendered by React from JSON (text nodes only; links only for http(s) sources). */
export function IncidentDetail({ id, timeZone, onClose }: { id: number; timeZone: string; onClose: () => void }) {
  const { data, error, isPending } = useQuery(incidentQuery(id));
  return (
    <section className="fw-panel fw-detail" aria-labelledby="incident-detail-title" data-testid="incident-detail">
      <header className="fw-panel-head">
        <h2 id="incident-detail-title">Incident #{id}</h2>
        <button type="button" className="fw-button" onClick={onClose} aria-label="Close incident details">
          Close
        </button>
      </header>
      {isPending && <p className="fw-muted">Loading incident…</p>}
      {error && (
        <p role="alert">
          {error instanceof ApiError && error.status === 404
            ? 'This incident does not exist (it may have been removed).'
            : 'Could not load this incident.'}
        </p>
      )}
      {data && <DetailFields item={data} timeZone={timeZone} />}
      {data && <HistoryToggle id={id} />}
    </section>
  );
}

/** The audit trail loads only when asked for. */
function HistoryToggle({ id }: { id: number }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="fw-pad">
      <button type="button" className="fw-link" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide edit history' : 'Show edit history'}
      </button>
      {open && <IncidentHistory incidentId={id} />}
    </div>
  );
}

function Split({ label, parts }: { label: string; parts: IncidentItem['casualties']['killed'] }) {
  const known = Object.entries(parts).filter(([, v]) => v !== null);
  if (!known.length) return null;
  return (
    <span className="fw-muted">
      {' '}
      ({known.map(([k, v]) => `${v} ${k}`).join(', ')} {label})
    </span>
  );
}

function DetailFields({ item, timeZone }: { item: Detail; timeZone: string }) {
  return (
    <dl className="fw-fields">
      {item.dataset === 'demo' && (
        <div>
          <dt>Data</dt>
          <dd>
            <span className="fw-badge">synthetic demo data</span>
          </dd>
        </div>
      )}
      <div>
        <dt>When</dt>
        <dd>
          {formatOccurred(item, timeZone)}{' '}
          <span className="fw-muted">
            ({precisionLabel(item.timePrecision)} precision{item.hasTime ? `, ${timeZone}` : ''})
          </span>
        </dd>
      </div>
      <div>
        <dt>Where</dt>
        <dd>
          {placeOf(item)}
          {item.regionName && <span className="fw-muted"> · {item.regionName}</span>}
          {item.crossBorder && <span className="fw-badge">cross-border</span>}
        </dd>
      </div>
      <div>
        <dt>Group</dt>
        <dd>
          <span className="fw-swatch" style={{ background: item.groupColour }} aria-hidden /> {item.groupName}{' '}
          <span className="fw-muted">· {item.claimStatus}</span>
        </dd>
      </div>
      <div>
        <dt>Type</dt>
        <dd>
          {item.eventType} — {item.subEventType}
        </dd>
      </div>
      <div>
        <dt>Casualties</dt>
        <dd className="tabular">
          {formatCount(item.killed)} killed
          <Split label="killed" parts={item.casualties.killed} />
          <SourcesSay item={item} figure="killed" />, {formatCount(item.injured)} injured
          <Split label="injured" parts={item.casualties.injured} />
          <SourcesSay item={item} figure="injured" />
        </dd>
      </div>
      <div>
        <dt>Target</dt>
        <dd>{humanize(item.target)}</dd>
      </div>
      <div>
        <dt>Verification</dt>
        <dd>{humanize(item.verification)}</dd>
      </div>
      <div>
        <dt>Sources</dt>
        <dd>
          {item.sources.length === 0 ? (
            <span className="fw-muted">none given</span>
          ) : (
            <ul className="fw-sources">
              {item.sources.map((s, i) => {
                const href = safeUrl(s);
                return (
                  <li key={i}>
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        {s}
                      </a>
                    ) : (
                      s
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {item.sourceScale && <span className="fw-muted">Scale: {item.sourceScale}</span>}
        </dd>
      </div>
      <SourceRecords item={item} />
      <ClaimsLedger item={item} />
      <div>
        <dt>Notes</dt>
        <dd className="fw-notes" data-testid="incident-notes">
          {item.notes ?? <span className="fw-muted">none</span>}
        </dd>
      </div>
    </dl>
  );
}
