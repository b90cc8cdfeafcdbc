/**
 * Response types of the JSON API, shared by the server that builds them (db/queries, app/api) and
 * the browser code that reads and patches them (hooks/, lib/live, components/). Types only.
 */
import type { IncidentItem } from '@/lib/incidents/item';
import type { MapFeature } from '@/lib/map/cluster';
import type { Cell, HeatWeight } from '@/lib/map/aggregate';

export interface FacetCount {
  value: string;
  count: number;
}
export interface GroupFacet extends FacetCount {
  name: string;
  colour: string;
  kind: string;
}
export interface RegionFacet extends FacetCount {
  killed: number;
}
export interface Facets {
  total: number;
  killed: number;
  /** Rows in the filter that are synthetic demo data. */
  demo: number;
  /** Each dimension is counted with every other filter applied but its own, so a multi-select shows what adding a value would bring. */
  groups: GroupFacet[];
  regions: RegionFacet[];
  eventTypes: FacetCount[];
  subEventTypes: FacetCount[];
  /** Per monitored region under the full filter (choropleth). */
  choropleth: RegionFacet[];
}

export interface TimelineBin {
  /** First calendar day of the bin in the reporting zone (a Monday for weekly bins). */
  start: string;
  count: number;
  killed: number;
}
export interface Timeline {
  bucket: 'day' | 'week';
  timeZone: string;
  from: string | null;
  to: string | null;
  bins: TimelineBin[];
}

export interface IncidentPage {
  items: IncidentItem[];
  total: number;
  nextCursor: string | null;
  /** With `facets: true`: the facets of the same filter, from the same pass that counts `total`. */
  facets?: Facets;
}

export interface AlertItem {
  id: number;
  ruleId: number;
  ruleName: string;
  severity: string;
  status: string;
  firedAt: string;
  incidentIds: number[];
  summary: string;
  details: Record<string, unknown>;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  ackNote?: string;
  resolvedBy?: string;
  resolvedAt?: string;
}

export interface MapResponse {
  total: number;
  seq: number;
  zoom: number;
  colours: Record<string, string>;
  features: MapFeature[];
}

/** GET /api/map with `mode=heat` or `mode=hex`: cells aggregated on the server for the viewport. */
export interface MapCellsResponse {
  mode: 'heat' | 'hex';
  weight: HeatWeight;
  total: number;
  seq: number;
  /** The zoom whose grid answered (coarser than asked when the view held too many cells). */
  zoom: number;
  /** Hexagon circumradius, or heat cell side, in units of the plane x = lon·cos(refLat), y = lat. */
  size: number;
  refLat: number;
  /** [centre lon, centre lat, incidents, killed] per non-empty cell. */
  cells: Cell[];
}

/** The intake's answers (GET/POST /api/reports, the stream's `report` event), declared in lib/intake/report-types.ts. */
export type { ReportItem, ReportPage, ReportSummary } from '@/lib/intake/report-types';
