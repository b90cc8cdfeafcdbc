'use client';
import { useEffect, useRef } from 'react';
import type { GroupFacet } from '@/db/queries/facets';
import { CHOROPLETH_RAMP } from '@/lib/map/scales';
import type { ChoroplethMode } from './region-layer';

/** Colour keys for everything the map encodes: groups, cross-border ring, live highlight and the choropleth classes. */
export function MapLegend({ groups, choropleth, breaks }: { groups: GroupFacet[]; choropleth: ChoroplethMode; breaks: number[] }) {
  const shown = groups.slice(0, 8);
  const offset = CHOROPLETH_RAMP.length - breaks.length;
  // Open on wide screens; folded on phones so it does not cover the map. The screen is known only
  // after hydration; from then on the native <details> keeps its own open state.
  const ref = useRef<HTMLDetailsElement>(null);
  // Until then a phone shows only the summary (globals.css, `data-ready`), so folding it moves nothing.
  useEffect(() => {
    if (!ref.current) return;
    ref.current.open = window.matchMedia('(min-width: 901px)').matches;
    ref.current.dataset.ready = '';
  }, []);
  return (
    <details ref={ref} className="fw-legend" open>
      <summary>Legend</summary>
      <ul>
        {shown.map((g) => (
          <li key={g.value}>
            <span className="fw-swatch" style={{ background: g.colour }} aria-hidden /> {g.name}
          </li>
        ))}
        {groups.length > shown.length && <li className="fw-muted">+{groups.length - shown.length} more groups</li>}
        <li>
          <span className="fw-ring fw-ring-dashed" aria-hidden /> cross-border
        </li>
        <li>
          <span className="fw-ring fw-ring-live" aria-hidden /> just arrived
        </li>
        {/* Said here, not only on the region's label: clusters over Barmal may leave its label out. */}
        <li>
          <span className="fw-ring fw-ring-dashed" style={{ borderRadius: 2 }} aria-hidden /> approximate area (Barmal)
        </li>
        <li className="fw-muted">size = casualties; grey discs = clusters (click to zoom)</li>
      </ul>
      {choropleth !== 'off' && breaks.length > 0 && breaks[0] > 0 && (
        <div className="fw-choropleth-legend">
          <p>{choropleth === 'count' ? 'Incidents' : 'Killed'} per region</p>
          <ol>
            {breaks.map((b, i) => (
              <li key={b}>
                <span className="fw-swatch" style={{ background: CHOROPLETH_RAMP[offset + i] }} aria-hidden />
                <span className="tabular">
                  {i === 0 ? 1 : breaks[i - 1] + 1}–{b}
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </details>
  );
}
