import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import basemapJson from '@/lib/geo/data/basemap.geo.json';
import regionsJson from '@/lib/geo/data/regions.geo.json';
import type { MapPoint } from '@/db/queries/weekly-lists';
import { featurePaths, FRONTIER_VIEW, viewHeight } from '@/lib/reports/map-svg';
import { pointLayers } from '@/lib/reports/map-points';

const view = FRONTIER_VIEW;
const height = viewHeight(view);
const countries = featurePaths(view, basemapJson as unknown as FeatureCollection<Polygon | MultiPolygon, { iso: string; name: string }>);
const regions = featurePaths(
  view,
  regionsJson as unknown as FeatureCollection<Polygon | MultiPolygon, { id: string; name: string; approximate: boolean }>,
);

/** A small static map of the week's incidents: React SVG elements only, drawn on the server (no client JS). */
export function WeekMap({ points, total }: { points: MapPoint[]; total: number }) {
  const { circles, strokes, drawn } = pointLayers(view, points);
  return (
    <figure className="report-map">
      <svg
        viewBox={`0 0 ${view.width} ${height}`}
        width="100%"
        role="img"
        aria-label={`Map of ${total} incidents this week`}
        data-testid="week-map"
      >
        <rect width={view.width} height={height} className="map-sea" />
        {countries.map((c) => (
          <path key={c.properties.iso} d={c.d} className="map-country">
            <title>{c.properties.name}</title>
          </path>
        ))}
        {regions.map((r) => (
          <path key={r.properties.id} d={r.d} className={r.properties.approximate ? 'map-region map-region-approx' : 'map-region'}>
            <title>{r.properties.name}</title>
          </path>
        ))}
        {circles.map((p) => (
          <circle key={p.id} cx={p.x} cy={p.y} r={p.r} fill={p.colour} className="map-point">
            <title>{`Incident ${p.id}: ${p.killed} killed`}</title>
          </circle>
        ))}
        {strokes.map((s) => (
          <path key={`${s.colour}/${s.width}`} d={s.d} stroke={s.colour} strokeWidth={s.width} className="map-points" />
        ))}
      </svg>
      <figcaption className="fw-fine fw-muted">
        {drawn} of {total} incidents drawn (circle size: killed; colour: group; the {circles.length} deadliest show their number on hover).
        Outlined: monitored regions; dashed: Barmal (approximate area). Boundaries: Natural Earth.
      </figcaption>
    </figure>
  );
}
