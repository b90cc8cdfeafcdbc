import type { MapCellsResponse, MapResponse } from '@/lib/contract';

/** What the map shows, for screen readers (and the tests): incidents and how they are drawn. */
export function mapStatus(data: MapResponse | MapCellsResponse | undefined): { text: string; features: number | ''; mode: string } {
  if (!data) return { text: 'Map loading', features: '', mode: '' };
  if ('cells' in data) {
    const what =
      data.mode === 'hex' ? `${data.cells.length} hexagons` : `a heat map of ${data.weight === 'killed' ? 'people killed' : 'incidents'}`;
    return { text: `Map shows ${data.total} incidents as ${what}`, features: data.cells.length, mode: data.mode };
  }
  const clusters = data.features.filter((f) => f.t === 'c').length;
  return {
    text: `Map shows ${data.total} incidents in ${clusters} clusters and ${data.features.length - clusters} single markers`,
    features: data.features.length,
    mode: 'clusters',
  };
}
