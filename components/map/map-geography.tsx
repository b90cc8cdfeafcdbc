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
 * The bottom-right readouts mount with the map, so that corner never grows under the first paint
 * (a layout shift). The names follow in the next frame (`stage` 1; the towns load lazily, so the
 * regions' names are cheap and paint early), the borders (3) and the buttons (4) later.
 */
export function MapGeography({
  qs,
  theme,
  regionLabels,
  stage,
}: {
  qs: string;
  theme: ThemeColours;
  regionLabels: readonly LabelCandidate[];
  stage: number;
}) {
  return (
    <>
      {stage >= 3 && <Admin1Layer theme={theme} />}
      {stage >= 1 && <PlaceLabels regions={regionLabels} />}
      <MapReadouts />
      {stage >= 4 && <MapNavigator qs={qs} />}
    </>
  );
}
