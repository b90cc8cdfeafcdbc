import type { IncidentItem } from './item';

/**
 * RFC 7946 Feature for an incident: Point in [longitude, latitude] order, no `crs` member,
 * properties are the public item fields minus the coordinates.
 */
export function incidentFeature(item: IncidentItem) {
  const { lat, lon, ...properties } = item;
  return {
    type: 'Feature' as const,
    id: item.id,
    geometry: { type: 'Point' as const, coordinates: [lon, lat] as [number, number] },
    properties,
  };
}
