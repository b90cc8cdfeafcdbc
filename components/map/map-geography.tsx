'use client';
import './map-geo.css';
import { Admin1Layer } from './admin1-layer';
import { MapNavigator } from './map-navigator';
import { MapReadouts } from './map-readouts';
import { PlaceLabels } from './place-labels';
import type { ThemeColours } from './theme-colours';
import type { LabelCandidate } from '@/lib/map/label-placement';

/**
 * Everything that orients the analyst, loaded with the map chunk: province borders, place
 * names (towns, watched sites, the monitored regions), the scale and the cursor's coordinates, "Zoom to results" and the region buttons.
 */
export function MapGeography({ qs, theme, regionLabels }: { qs: string; theme: ThemeColours; regionLabels: readonly LabelCandidate[] }) {
  return (
    <>
      <Admin1Layer theme={theme} />
      <PlaceLabels regions={regionLabels} />
      <MapReadouts />
      <MapNavigator qs={qs} />
    </>
  );
}
