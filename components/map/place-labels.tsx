'use client';
import L from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useMap } from 'react-leaflet';
import { MAP_LABELS } from '@/lib/geo/place-labels';
import { placeLabels, type Box, type LabelCandidate, type PlacedLabel } from '@/lib/map/label-placement';

/** Must match .fw-place-label and .fw-area-label in map-geo.css: the boxes are measured with these fonts. */
const DOT_FONT = '600 11px system-ui, sans-serif';
const AREA_FONT = '600 10px system-ui, sans-serif';
const AREA_LETTER_SPACING = 1;

function textMeasurer(): (l: LabelCandidate) => number {
  const ctx = document.createElement('canvas').getContext('2d');
  const cache = new Map<string, number>();
  return (l) => {
    const key = `${l.kind}|${l.name}`;
    let w = cache.get(key);
    if (w === undefined) {
      const text = l.kind === 'area' ? l.name.toUpperCase() : l.name;
      if (ctx) ctx.font = l.kind === 'area' ? AREA_FONT : DOT_FONT;
      w = (ctx?.measureText(text).width ?? text.length * 6.5) + (l.kind === 'area' ? text.length * AREA_LETTER_SPACING : 0);
      cache.set(key, w);
    }
    return w;
  };
}

/** What a label must not cover: every circle marker (clusters, incidents, rings), the map's DOM overlays and the panels over it. */
function obstacles(map: L.Map): Box[] {
  const out: Box[] = [];
  map.eachLayer((layer) => {
    if (!(layer instanceof L.CircleMarker)) return;
    const p = map.latLngToContainerPoint(layer.getLatLng());
    const r = layer.getRadius() + 2;
    out.push({ x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r });
  });
  const container = map.getContainer();
  const origin = container.getBoundingClientRect();
  const add = (el: Element) => {
    const r = el.getBoundingClientRect();
    // 1-px elements are screen-reader text, not something drawn over the map.
    if (r.width > 1 && r.height > 1)
      out.push({ x0: r.left - origin.left, y0: r.top - origin.top, x1: r.right - origin.left, y1: r.bottom - origin.top });
  };
  container.querySelectorAll('.leaflet-marker-icon, .leaflet-tooltip, .leaflet-control').forEach(add);
  // Panels the page lays over the map beside the Leaflet container (legend, tools) hide what is under them.
  for (const el of container.parentElement?.children ?? []) if (el !== container && getComputedStyle(el).position === 'absolute') add(el);
  return out;
}

/**
 * Town, district-seat and province names from the gazetteer, in their own pane under the
 * markers. Re-placed after every move and whenever markers come or go (once per frame: the
 * incident layer adds hundreds of markers in one commit), hidden while a zoom animates (their
 * positions are only right for a settled view).
 */
export function PlaceLabels() {
  const map = useMap();
  const [placed, setPlaced] = useState<PlacedLabel[]>([]);
  const pane = useMemo(() => {
    const p = map.getPane('place-labels') ?? map.createPane('place-labels');
    p.style.zIndex = '380';
    p.style.pointerEvents = 'none';
    return p;
  }, [map]);

  useEffect(() => {
    const measure = textMeasurer();
    let frame = 0;
    const place = () => {
      const size = map.getSize();
      setPlaced(
        placeLabels(MAP_LABELS, {
          zoom: map.getZoom(),
          width: size.x,
          height: size.y,
          project: (lat, lon) => map.latLngToContainerPoint([lat, lon]),
          obstacles: obstacles(map),
          measure,
        }),
      );
    };
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(place);
    };
    const hide = () => {
      cancelAnimationFrame(frame);
      setPlaced([]);
    };
    map.on('moveend resize layeradd layerremove', schedule);
    map.on('zoomstart', hide);
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      map.off('moveend resize layeradd layerremove', schedule);
      map.off('zoomstart', hide);
    };
  }, [map]);

  // The pane moves with the map while it is dragged, so positions are in layer points.
  const toLayer = (p: PlacedLabel) => map.containerPointToLayerPoint([p.x, p.y]);
  return createPortal(
    <div className="fw-place-labels" data-testid="place-labels" data-count={placed.length} aria-hidden>
      {placed.map((p) => {
        const at = toLayer(p);
        return (
          <div
            key={`${p.label.name}|${p.label.lat}|${p.label.lon}`}
            className={p.label.kind === 'area' ? 'fw-area-label' : `fw-place-label fw-place-${p.side}`}
            style={{ transform: `translate(${at.x}px, ${at.y}px)` }}
          >
            {p.label.kind === 'dot' && <span className="fw-place-dot" />}
            <span className="fw-place-name">{p.label.name}</span>
          </div>
        );
      })}
    </div>,
    pane,
  );
}
