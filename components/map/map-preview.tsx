import './map-preview.css';
import { mapPreview, PREVIEW_HALF_HEIGHT, PREVIEW_HALF_WIDTH, type MapPreview, type PreviewView } from '@/lib/geo/map-preview';

/** The dashboard map's opening view (Leaflet's default centre and zoom in map-view.tsx). */
export const DEFAULT_PREVIEW_VIEW: PreviewView = { lat: 31.5, lon: 67.5, zoom: 5 };

// A picture depends only on its view: the start view is drawn once per server, saved views' few
// positions are kept too (bounded: a URL cannot grow this without limit).
const drawn = new Map<string, MapPreview>();
const MAX_DRAWN = 64;

function cachedPreview(view: PreviewView): MapPreview {
  const key = `${view.lat.toFixed(4)},${view.lon.toFixed(4)},${view.zoom.toFixed(2)}`;
  let p = drawn.get(key);
  if (!p) {
    p = mapPreview(view);
    if (drawn.size >= MAX_DRAWN) drawn.delete(drawn.keys().next().value!);
    drawn.set(key, p);
  }
  return p;
}

/**
 * Server-rendered stand-in for the Leaflet map while its code loads (components/map/map-loader.tsx
 * shows it): country fills, the monitored regions' outlines and names, at the position the map
 * will open at, so the analyst sees the area on the first paint and nothing moves when the map
 * takes over. Names are text React escapes; paths are numbers computed here, never from a request.
 */
export function MapPreviewPicture({ view = DEFAULT_PREVIEW_VIEW }: { view?: PreviewView }) {
  const { land, regions, labels } = cachedPreview(view);
  const w = 2 * PREVIEW_HALF_WIDTH;
  const h = 2 * PREVIEW_HALF_HEIGHT;
  return (
    <div className="fw-map-preview" data-testid="map-preview" aria-hidden>
      <svg className="fw-map-preview-svg" width={w} height={h} viewBox={`${-PREVIEW_HALF_WIDTH} ${-PREVIEW_HALF_HEIGHT} ${w} ${h}`}>
        <path className="fw-preview-land" d={land} />
        {regions.map((r) => (
          <path key={r.id} className={r.approximate ? 'fw-preview-region fw-preview-approx' : 'fw-preview-region'} d={r.d} />
        ))}
      </svg>
      {labels.map((l) => (
        <div key={l.key} className="fw-preview-label" style={{ left: `calc(50% + ${l.x}px)`, top: `calc(50% + ${l.y}px)` }}>
          <span>{l.name}</span>
          {l.detail && <span className="fw-label-detail">{l.detail}</span>}
        </div>
      ))}
    </div>
  );
}
