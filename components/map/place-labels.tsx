'use client';
import { useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useMap } from 'react-leaflet';
import { sitesQuery } from '@/components/sites/site-api';
import { nearestWithin, placeLabels, type Box, type LabelCandidate, type PlacedLabel } from '@/lib/map/label-placement';
import { useSitesVisible } from './sites-visibility';

/** Must match the label classes in map-geo.css: the boxes are measured with these fonts. */
const FONTS: Record<LabelCandidate['kind'], string> = {
  dot: '600 11px system-ui, sans-serif',
  area: '600 10px system-ui, sans-serif',
  site: '600 12px system-ui, sans-serif',
  region: '600 12px system-ui, sans-serif',
};
const AREA_LETTER_SPACING = 1;
const NO_LABELS: readonly LabelCandidate[] = [];

/**
 * The towns and province names, loaded after the map shows and in two tasks: evaluating the
 * gazetteer and ranking its towns (lib/geo/place-labels) took about as long as the rest of the map
 * chunk, all in the one task that evaluated it. Until they arrive the regions' names are placed alone.
 */
function useMapLabels(): readonly LabelCandidate[] {
  const [labels, setLabels] = useState(NO_LABELS);
  useEffect(() => {
    let live = true;
    void import('@/lib/intake/gazetteer')
      .then(() => new Promise((next) => setTimeout(next)))
      .then(() => import('@/lib/geo/place-labels'))
      .then((m) => live && setLabels(m.MAP_LABELS));
    return () => {
      live = false;
    };
  }, []);
  return labels;
}

/** How close (px) a hover or tap must come to a site whose name is hidden to show it. */
const REVEAL_RADIUS = 14;

function textMeasurer(): (l: LabelCandidate) => number {
  const ctx = document.createElement('canvas').getContext('2d');
  const cache = new Map<string, number>();
  return (l) => {
    const key = `${l.kind}|${l.name}|${l.detail ?? ''}`;
    let w = cache.get(key);
    if (w === undefined) {
      const text = l.kind === 'area' ? l.name.toUpperCase() : l.name + (l.detail ?? '');
      if (ctx) ctx.font = FONTS[l.kind];
      w = (ctx?.measureText(text).width ?? text.length * 6.5) + (l.kind === 'area' ? text.length * AREA_LETTER_SPACING : 0);
      cache.set(key, w);
    }
    return w;
  };
}

/** What a label must not cover: every circle marker (clusters, incidents, rings, sites), the map's DOM overlays and the panels over it. */
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

const labelKey = (l: LabelCandidate) => l.key ?? `${l.name}|${l.lat}|${l.lon}`;
const CLASS: Record<LabelCandidate['kind'], (side: PlacedLabel['side']) => string> = {
  dot: (side) => `fw-place-label fw-place-${side}`,
  area: () => 'fw-area-label',
  site: (side) => `fw-site-label fw-site-${side}`,
  region: () => 'fw-region-label',
};

/**
 * Every name on the map, placed together so none covers another or a cluster: watched sites
 * first, then the monitored regions, then the gazetteer's towns and provinces (lib/map/
 * label-placement.ts). Drawn in their own pane under the markers; re-placed after every move and
 * whenever markers come or go (once per frame: the incident layer adds hundreds of markers in one
 * commit), hidden while a zoom animates. A site whose name does not fit keeps its marker, and its
 * name shows while the pointer is over it or after a tap on it.
 */
export function PlaceLabels({ regions }: { regions: readonly LabelCandidate[] }) {
  const map = useMap();
  const [placed, setPlaced] = useState<PlacedLabel[]>([]);
  const [revealed, setRevealed] = useState<PlacedLabel | null>(null);
  const sitesVisible = useSitesVisible();
  const sites = useQuery({ ...sitesQuery, enabled: sitesVisible });
  const mapLabels = useMapLabels();
  const candidates = useMemo(() => {
    const siteLabels: LabelCandidate[] =
      sitesVisible && sites.data
        ? sites.data.items.map((s) => ({
            name: s.name,
            key: `site:${s.id}`,
            detail: s.example ? ' · example' : undefined,
            lat: s.lat,
            lon: s.lon,
            minZoom: 0,
            maxZoom: 22,
            kind: 'site' as const,
          }))
        : [];
    return [...siteLabels, ...regions, ...mapLabels];
  }, [sitesVisible, sites.data, regions, mapLabels]);
  const pane = useMemo(() => {
    const p = map.getPane('place-labels') ?? map.createPane('place-labels');
    p.style.zIndex = '380';
    p.style.pointerEvents = 'none';
    return p;
  }, [map]);
  // A revealed name is asked for: it goes above the markers, in the tooltips' layer.
  const revealPane = useMemo(() => {
    const p = map.getPane('label-reveal') ?? map.createPane('label-reveal');
    p.style.zIndex = '660';
    p.style.pointerEvents = 'none';
    return p;
  }, [map]);

  useEffect(() => {
    const measure = textMeasurer();
    let frame = 0;
    let shown = new Set<string>();
    const place = () => {
      const size = map.getSize();
      const next = placeLabels(candidates, {
        zoom: map.getZoom(),
        width: size.x,
        height: size.y,
        project: (lat, lon) => map.latLngToContainerPoint([lat, lon]),
        obstacles: obstacles(map),
        measure,
      });
      shown = new Set(next.map((p) => labelKey(p.label)));
      setPlaced(next);
      setRevealed(null);
    };
    // One pending frame at most: the basemap and the incident layer fire hundreds of layeradd
    // events in one task, and re-arming the frame for each one cost more than placing the labels.
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        place();
      });
    };
    const hide = () => {
      cancelAnimationFrame(frame);
      frame = 0;
      setPlaced([]);
      setRevealed(null);
    };
    // A hidden site name shows under the pointer (hover) or after a tap, beside its marker.
    const reveal = (e: L.LeafletMouseEvent) => {
      const hidden = candidates.flatMap((c) => {
        if (c.kind !== 'site' || shown.has(labelKey(c))) return [];
        const p = map.latLngToContainerPoint([c.lat, c.lon]);
        return [{ label: c, x: p.x, y: p.y }];
      });
      const hit = nearestWithin(hidden, e.containerPoint.x, e.containerPoint.y, REVEAL_RADIUS);
      setRevealed((cur) =>
        hit && cur?.label === hit.label
          ? cur
          : hit
            ? { label: hit.label, x: hit.x, y: hit.y, side: 'right', box: { x0: 0, y0: 0, x1: 0, y1: 0 } }
            : null,
      );
    };
    map.on('moveend resize layeradd layerremove', schedule);
    map.on('zoomstart', hide);
    map.on({ mousemove: reveal, click: reveal });
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      map.off('moveend resize layeradd layerremove', schedule);
      map.off('zoomstart', hide);
      map.off({ mousemove: reveal, click: reveal });
    };
  }, [map, candidates]);

  // The pane moves with the map while it is dragged, so positions are in layer points.
  const toLayer = (p: PlacedLabel) => map.containerPointToLayerPoint([p.x, p.y]);
  const count = (kind: LabelCandidate['kind'][]) => placed.filter((p) => kind.includes(p.label.kind)).length;
  const label = (p: PlacedLabel, extra = '') => {
    const at = toLayer(p);
    return (
      <div key={labelKey(p.label)} className={CLASS[p.label.kind](p.side) + extra} style={{ transform: `translate(${at.x}px, ${at.y}px)` }}>
        {p.label.kind === 'dot' && <span className="fw-place-dot" />}
        <span className="fw-place-name">{p.label.name}</span>
        {p.label.detail && <span className="fw-label-detail">{p.label.detail}</span>}
      </div>
    );
  };
  return (
    <>
      {createPortal(
        <div
          className="fw-place-labels"
          data-testid="place-labels"
          data-count={count(['dot', 'area'])}
          data-sites={count(['site'])}
          data-regions={count(['region'])}
          aria-hidden
        >
          {placed.map((p) => label(p))}
        </div>,
        pane,
      )}
      {revealed &&
        createPortal(
          <div className="fw-place-labels" data-testid="revealed-label" aria-hidden>
            {label(revealed, ' fw-label-revealed')}
          </div>,
          revealPane,
        )}
    </>
  );
}
