'use client';
import type { MapCellsResponse } from '@/lib/contract';
import { HEAT_RAMP, hexBreaks, hexColour } from '@/lib/map/cell-scale';
import type { MapDisplay } from '@/lib/map/display';

/** What the heat map's colours and the hexagons' fills mean, for the cells in view. */
export function ModeLegend({ display, data }: { display: MapDisplay; data: MapCellsResponse | undefined }) {
  if (display.mode === 'clusters') return null;
  if (display.mode === 'heat') {
    return (
      <div className="fw-mode-legend" data-testid="mode-legend">
        <p>Heat: {display.weight === 'killed' ? 'people killed' : 'incidents'} in the area</p>
        <div className="fw-heat-ramp" style={{ background: `linear-gradient(to right, ${HEAT_RAMP.join(', ')})` }} aria-hidden />
        <p className="fw-heat-ends fw-muted">
          <span>fewer</span>
          <span>more</span>
        </p>
      </div>
    );
  }
  const breaks = data && data.mode === 'hex' ? hexBreaks(data.cells) : [];
  return (
    <div className="fw-mode-legend" data-testid="mode-legend">
      <p>Incidents per hexagon</p>
      <ol>
        {breaks.map((b, i) => {
          const lo = i === 0 ? 1 : breaks[i - 1] + 1;
          return (
            <li key={b}>
              <span className="fw-hex-swatch" style={{ background: hexColour(i, breaks.length) }} aria-hidden />
              <span className="tabular">{lo === b ? b : `${lo}–${b}`}</span>
            </li>
          );
        })}
      </ol>
      {breaks.length === 0 && <p className="fw-muted">none in view</p>}
    </div>
  );
}
