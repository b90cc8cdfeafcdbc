'use client';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/**
 * The map's data credit, given to the attribution control once. As a GeoJSON layer option it
 * was copied onto every feature, and each feature rebuilt the control's HTML when added.
 */
export function MapAttribution({ text }: { text: string }) {
  const map = useMap();
  useEffect(() => {
    const control = map.attributionControl;
    control?.addAttribution(text);
    return () => void control?.removeAttribution(text);
  }, [map, text]);
  return null;
}
