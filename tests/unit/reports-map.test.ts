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
  it('cuts outlines to the view (and a small margin) and drops vertices closer than a unit', () => {
    // A country far larger than the view, its edge sampled every 0.001°: one rectangle inside the margin.
    const edge = Array.from({ length: 2001 }, (_, i) => [50 + i * 0.02, 10] as [number, number]);
    const fc: FeatureCollection<Polygon, { id: string }> = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'big' },
          geometry: { type: 'Polygon', coordinates: [[...edge, [90, 50], [50, 50], [50, 10]]] },
        },
      ],
    };
    const [path] = featurePaths(v, fc);
    const coords = [...path.d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    for (const [x, y] of coords) {
      expect(x).toBeGreaterThanOrEqual(-5);
      expect(x).toBeLessThanOrEqual(v.width + 5);
      expect(y).toBeGreaterThanOrEqual(-5);
      expect(y).toBeLessThanOrEqual(viewHeight(v) + 5);
    }
    expect(coords.length).toBeLessThanOrEqual(8);
    // Fine detail inside the view: steps of 0.001° (0.03 units) are thinned to at least 0.6 units apart.
    const wiggle = Array.from({ length: 1001 }, (_, i) => [70 + i * 0.001, 33] as [number, number]);
    const fine: FeatureCollection<Polygon, { id: string }> = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'fine' },
          geometry: { type: 'Polygon', coordinates: [[...wiggle, [71, 34], [70, 34], [70, 33]]] },
        },
      ],
    };
    const n = featurePaths(v, fine)[0].d.split(/[ML]/).filter(Boolean).length;
    expect(n).toBeLessThan(80);
    expect(n).toBeGreaterThan(40);
  });
});
