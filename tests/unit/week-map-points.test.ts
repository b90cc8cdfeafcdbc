import { describe, expect, it } from 'vitest';
import { FRONTIER_VIEW, project } from '@/lib/reports/map-svg';
import { pointLayers, pointRadius, type WeekMapPoint } from '@/lib/reports/map-points';

const at = (id: number, lon: number, lat: number, killed: number, colour = '#E69F00'): WeekMapPoint => ({ id, lon, lat, killed, colour });

describe('weekly map point layers', () => {
  it('keeps the deadliest as circles with their own radius and groups the rest by colour and size', () => {
    const points = [at(1, 70, 33, 25), at(2, 71, 34, 9), at(3, 69, 32, 0), at(4, 69.5, 32.5, 0, '#0072B2'), at(5, 68, 31, 1)];
    const { circles, strokes, drawn } = pointLayers(FRONTIER_VIEW, points, 2);
    expect(drawn).toBe(5);
    expect(circles.map((c) => [c.id, c.r])).toEqual([
      [1, 7.5],
      [2, 5.5],
    ]);
    expect(circles[0]).toMatchObject({ x: project(FRONTIER_VIEW, 70, 33)[0], y: project(FRONTIER_VIEW, 70, 33)[1], killed: 25 });
    // Largest first (smaller incidents stay on top), then by colour.
    expect(strokes.map((s) => [s.colour, s.width, s.count])).toEqual([
      ['#E69F00', 7, 1],
      ['#0072B2', 5, 1],
      ['#E69F00', 5, 1],
    ]);
    const [x, y] = project(FRONTIER_VIEW, 69, 32);
    expect(strokes[2].d).toBe(`M${x} ${y}h0`);
  });

  it('draws every incident in view once and a repeated position once per path', () => {
    const points = [at(1, 70, 33, 3), at(2, 70, 33, 3), at(3, 70, 33, 3), at(4, 10, 10, 3)];
    const { circles, strokes, drawn } = pointLayers(FRONTIER_VIEW, points, 1);
    expect(drawn).toBe(3);
    expect(circles).toHaveLength(1);
    expect(strokes).toHaveLength(1);
    expect(strokes[0].count).toBe(2);
    expect(strokes[0].d.match(/M/g)).toHaveLength(1);
  });

  it('sizes circles by the square root of the killed, capped at 9', () => {
    expect(pointRadius(0)).toBe(2.5);
    expect(pointRadius(4)).toBe(4.5);
    expect(pointRadius(1000)).toBe(9);
    expect(pointRadius(-1)).toBe(2.5);
  });
});
