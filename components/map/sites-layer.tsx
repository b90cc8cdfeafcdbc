'use client';
import { useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import { useMemo } from 'react';
import { CircleMarker, Pane } from 'react-leaflet';
import { sitesQuery } from '@/components/sites/site-api';
import { SITE_RADIUS } from '@/lib/map/label-placement';
import type { ThemeColours } from './theme-colours';
import { useSitesVisible } from './sites-visibility';
import './sites-layer.css';

/**
 * Watched sites on the dashboard map: a ringed point above the regions and below the incidents'
 * canvas (overlay pane, z 400), so clusters stay on top and clickable. SVG, not the map's canvas:
 * a canvas of its own in a higher pane would swallow the incidents' clicks, and a few dozen paths
 * cost nothing. The names are placed with every other label (place-labels.tsx): a site's name
 * that would cover a cluster or another name is left out, never its marker.
 */
export function SitesLayer({ theme }: { theme: ThemeColours }) {
  const visible = useSitesVisible();
  const renderer = useMemo(() => L.svg({ pane: 'sites' }), []);
  const sites = useQuery({ ...sitesQuery, enabled: visible });
  if (!visible || !sites.data) return null;
  return (
    <Pane name="sites" style={{ zIndex: 390 }}>
      {sites.data.items.map((s) => (
        <CircleMarker
          key={s.id}
          center={[s.lat, s.lon]}
          radius={SITE_RADIUS - 1}
          pane="sites"
          renderer={renderer}
          pathOptions={{ color: theme.text, weight: 2, fillColor: theme.accent, fillOpacity: 0.9 }}
          interactive={false}
        />
      ))}
    </Pane>
  );
}
