'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { incidentQuery } from '@/hooks/queries';
import { useSelection } from './selection';

/** Brings the selected incident into view (from the list or a shared ?incident= link), without zooming out. */
export function FollowSelection() {
  const map = useMap();
  const { selected } = useSelection();
  const { data } = useQuery({ ...incidentQuery(selected ?? 0), enabled: selected !== null });
  const lat = data?.lat;
  const lon = data?.lon;
  useEffect(() => {
    if (lat === undefined || lon === undefined) return;
    if (!map.getBounds().pad(-0.1).contains([lat, lon])) map.flyTo([lat, lon], Math.max(map.getZoom(), 8), { duration: 0.5 });
  }, [map, lat, lon]);
  return null;
}
