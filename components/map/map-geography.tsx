'use client';
import './map-geo.css';
import { Admin1Layer } from './admin1-layer';
import { MapNavigator } from './map-navigator';
import { MapReadouts } from './map-readouts';
import { PlaceLabels } from './place-labels';
import type { ThemeColours } from './theme-colours';

/**
 * Everything that orients the analyst, loaded with the map chunk: province borders, place
 * names, the scale and the cursor's coordinates, "Zoom to results" and the region buttons.
 */
export function MapGeography({ qs, theme }: { qs: string; theme: ThemeColours }) {
  return (
    <>
      <Admin1Layer theme={theme} />
      <PlaceLabels />
      <MapReadouts />
      <MapNavigator qs={qs} />
    </>
  );
}
