import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { featurePaths, FRONTIER_VIEW, inView, project, viewHeight } from '@/lib/reports/map-svg';

describe('static week map projection', () => {
  const v = FRONTIER_VIEW;
  it('maps the view corners to the SVG corners, north up', () => {
    expect(project(v, v.west, v.north)).toEqual([0, 0]);
    expect(project(v, v.east, v.south)).toEqual([v.width, viewHeight(v)]);
    const [, yPeshawar] = project(v, 71.578, 34.008);
    const [, yQuetta] = project(v, 67.001, 30.184);
    expect(yPeshawar).toBeLessThan(yQuetta);
  });
  it('keeps rings that touch the view and drops those outside it', () => {
    const square = (x: number, y: number): Polygon => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    });
    const fc: FeatureCollection<Polygon, { id: string }> = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'in' }, geometry: square(70, 33) },
        { type: 'Feature', properties: { id: 'out' }, geometry: square(120, 10) },
      ],
    };
    const paths = featurePaths(v, fc);
    expect(paths.map((p) => p.properties.id)).toEqual(['in']);
    expect(paths[0].d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4}Z$/);
    expect(inView(v, 69.28, 32.52)).toBe(true);
    expect(inView(v, 100, 32)).toBe(false);
  });
});
