import L from 'leaflet';

export function abbreviate(n: number): string {
  if (n >= 1_000_000) return `${Math.round(n / 100_000) / 10}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${Math.round(n / 100) / 10}k`;
  return String(n);
}

/**
 * A count label for a cluster: one element whose text is set with textContent (never HTML).
 * Not cached: Leaflet appends the element itself, so two markers cannot share it.
 */
export function clusterLabelIcon(count: number): L.DivIcon {
  const el = document.createElement('span');
  el.textContent = abbreviate(count);
  return L.divIcon({ html: el, className: 'fw-cluster-label', iconSize: [44, 18], iconAnchor: [22, 9] });
}
