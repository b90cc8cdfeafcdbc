'use client';
import type { MapDisplay } from '@/lib/map/display';
import type { HeatWeight, MapMode } from '@/lib/map/aggregate';

/** Picks how the map draws the filter; the heat map's weighting shows only with the heat map on. */
export function MapModeControl({ display, onChange }: { display: MapDisplay; onChange: (d: MapDisplay) => void }) {
  return (
    <>
      <label className="fw-field fw-inline">
        <span>Show</span>
        <select
          data-testid="map-mode"
          aria-label="Map display mode"
          value={display.mode}
          onChange={(e) => onChange({ ...display, mode: e.target.value as MapMode })}
        >
          <option value="clusters">Clusters</option>
          <option value="heat">Heat map</option>
          <option value="hex">Hexagons</option>
        </select>
      </label>
      {display.mode === 'heat' && (
        <label className="fw-field fw-inline">
          <span>by</span>
          <select
            data-testid="map-weight"
            aria-label="Heat map weighting"
            value={display.weight}
            onChange={(e) => onChange({ ...display, weight: e.target.value as HeatWeight })}
          >
            <option value="count">incidents</option>
            <option value="killed">killed</option>
          </select>
        </label>
      )}
    </>
  );
}
