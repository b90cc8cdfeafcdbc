import type { Facets } from '@/db/queries/facets';
import type { LiveStatus } from '@/hooks/use-live';
import { SiteNav } from '@/components/ui/site-nav';
import { SavedViewsMenu, type OpenView } from '@/components/views/saved-views-menu';

const LIVE_TEXT: Record<LiveStatus, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

export function DashboardHeader(props: {
  facets: Facets | undefined;
  loading: boolean;
  live: LiveStatus;
  fresh: number;
  onSeenFresh: () => void;
  timeZone: string;
  invalid: string[];
  view: OpenView | null;
  canShare: boolean;
}) {
  const { facets, loading, live, fresh, onSeenFresh, timeZone, invalid, view, canShare } = props;
  return (
    <header className="fw-header">
      <h1>Frontier Watch</h1>
      <p className="fw-count" aria-busy={loading}>
        <span className="tabular" data-testid="incident-count">
          {facets ? facets.total.toLocaleString('en-US') : '–'}
        </span>{' '}
        incidents
        {facets && <span className="fw-muted tabular"> · {facets.killed.toLocaleString('en-US')} killed</span>}
      </p>
      {facets && facets.demo > 0 && (
        <span
          className="fw-badge fw-badge-demo"
          data-testid="demo-badge"
          title={`${facets.demo.toLocaleString('en-US')} of these rows are synthetic`}
        >
          synthetic demo data
        </span>
      )}
      <span className={`fw-live fw-live-${live}`} role="status">
        <span aria-hidden className="fw-dot" /> {LIVE_TEXT[live]}
      </span>
      {fresh > 0 && (
        <button type="button" className="fw-badge fw-badge-new" data-testid="new-count" onClick={onSeenFresh}>
          {fresh} new
        </button>
      )}
      <SavedViewsMenu open={view} canShare={canShare} />
      <span className="fw-muted fw-zone">Dates in {timeZone}</span>
      <SiteNav current="/" />
      {invalid.length > 0 && (
        <p role="alert" className="fw-warning">
          Ignored invalid filter parameter{invalid.length > 1 ? 's' : ''} in the URL: {invalid.join(', ')}
        </p>
      )}
    </header>
  );
}
