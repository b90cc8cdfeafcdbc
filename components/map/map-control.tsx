'use client';
import L from 'leaflet';
import { useEffect, useMemo, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useMap } from 'react-leaflet';

/**
 * A Leaflet control whose content React renders (through a portal), so controls stack with the
 * zoom buttons, scale and attribution in Leaflet's corners instead of being placed by hand.
 * Clicks and wheel turns inside it do not reach the map (no accidental pan or zoom).
 */
export function MapControl({ position, className, children }: { position: L.ControlPosition; className: string; children: ReactNode }) {
  const map = useMap();
  // The element exists before the control is added, so the portal has a target on first render.
  const box = useMemo(() => {
    const el = L.DomUtil.create('div', `leaflet-control ${className}`);
    L.DomEvent.disableClickPropagation(el);
    L.DomEvent.disableScrollPropagation(el);
    return el;
  }, [className]);
  useEffect(() => {
    const control = new L.Control({ position });
    control.onAdd = () => box;
    control.addTo(map);
    return () => {
      control.remove();
    };
  }, [map, position, box]);
  return createPortal(children, box);
}
