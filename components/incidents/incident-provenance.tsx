'use client';
import type { IncidentDetail } from '@/lib/incidents/item';
import { figureSpread, spreadLabel, type FigureKey } from '@/lib/incidents/provenance';
import type { ClaimRecord } from '@/lib/intake/report-types';
import { formatCount, humanize, safeUrl } from './format';
import { formatCalendarDate } from '@/lib/time/calendar-text';

const dateOf = (iso: string | null) => (iso ? formatCalendarDate(iso.slice(0, 10)) : 'undated');

/** "· sources say 4–7" beside an adopted figure, when the incident's sources disagree. */
export function SourcesSay({ item, figure }: { item: IncidentDetail; figure: FigureKey }) {
  const spread = figureSpread(item[figure], item.sourceRecords, figure);
  if (!spread?.disagree) return null;
  return (
    <span className="fw-muted" data-testid={`sources-say-${figure}`}>
      {' '}
      · sources say {spreadLabel(spread)}
    </span>
  );
}

/** The reports an incident rests on, each with its outlet, link, date and figures. */
export function SourceRecords({ item }: { item: IncidentDetail }) {
  if (!item.sourceRecords.length) return null;
  return (
    <div>
      <dt>
        Reports <span className="fw-muted tabular">({item.sourceCount} sources)</span>
      </dt>
      <dd>
        <ul className="fw-sources" data-testid="incident-source-records">
          {item.sourceRecords.map((s, i) => {
            const href = s.url ? safeUrl(s.url) : null;
            const outlet = s.outlet ?? s.url ?? 'pasted report';
            return (
              <li key={s.reportId ?? `r${i}`}>
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {outlet}
                  </a>
                ) : (
                  outlet
                )}{' '}
                <span className="fw-muted tabular">
                  {dateOf(s.publishedAt)} · {formatCount(s.killed)} killed, {formatCount(s.injured)} injured
                </span>
              </li>
            );
          })}
        </ul>
      </dd>
    </div>
  );
}

const KIND: Record<ClaimRecord['kind'], string> = { claim: 'claimed', denial: 'denied', attribution: 'blamed on' };

/** The claims ledger: who claimed, who denied, whom officials blamed. */
export function ClaimsLedger({ item }: { item: IncidentDetail }) {
  if (!item.claims.length) return null;
  const name = (groupId: string) => (groupId === item.group ? item.groupName : humanize(groupId));
  return (
    <div>
      <dt>Claims</dt>
      <dd>
        <ul className="fw-sources" data-testid="incident-claims">
          {item.claims.map((c, i) => (
            <li key={i}>
              {c.kind === 'attribution' ? `${KIND[c.kind]} ${name(c.groupId)}` : `${name(c.groupId)} ${KIND[c.kind]}`}
              {c.by && <span className="fw-muted"> · by {c.by}</span>}
              <span className="fw-muted tabular"> · {dateOf(c.at)}</span>
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}
