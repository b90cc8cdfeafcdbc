import type L from 'leaflet';
import { CanvasOverlay } from './canvas-overlay';
import { HEAT_RAMP } from '@/lib/map/cell-scale';

export interface HeatPoint {
  lat: number;
  lon: number;
  /** Weight relative to the heaviest cell in view, 0–1. */
  w: number;
}

const RADIUS = 16;

/** A soft disc: opaque at the centre, transparent at the radius (drawn once, stamped per cell). */
function stamp(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = c.height = RADIUS * 2;
  const ctx = c.getContext('2d')!;
  const g = ctx.createRadialGradient(RADIUS, RADIUS, 0, RADIUS, RADIUS, RADIUS);
  g.addColorStop(0, 'rgba(0,0,0,1)');
  g.addColorStop(1, 'rgba(0,0,0,0)');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, RADIUS * 2, RADIUS * 2);
  return c;
}

/** 256 RGB entries along the heat ramp, indexed by accumulated intensity. */
function palette(): Uint8ClampedArray {
  const c = document.createElement('canvas');
  c.width = 256;
  c.height = 1;
  const ctx = c.getContext('2d')!;
  const g = ctx.createLinearGradient(0, 0, 256, 0);
  HEAT_RAMP.forEach((colour, i) => g.addColorStop(i / (HEAT_RAMP.length - 1), colour));
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, 256, 1);
  return ctx.getImageData(0, 0, 256, 1).data;
}

/**
 * A heat map on one canvas the size of the map, redrawn after every move. Our own layer rather
 * than a plugin: the known Leaflet heat plugin has had no release in years, and this is the whole
 * technique (stamp soft discs into an alpha channel, then map alpha to a colour ramp) in one
 * screen of code that works offline and follows the map's panes.
 */
export class HeatCanvas extends CanvasOverlay {
  private points: HeatPoint[] = [];
  private disc: HTMLCanvasElement | null = null;
  private colours: Uint8ClampedArray | null = null;

  constructor(options: L.LayerOptions) {
    super('fw-heat', options);
  }

  setPoints(points: HeatPoint[]): void {
    this.points = points;
    this.redraw();
  }

  protected paint(ctx: CanvasRenderingContext2D, map: L.Map, size: L.Point): void {
    this.disc ??= stamp();
    this.colours ??= palette();
    for (const p of this.points) {
      const at = map.latLngToContainerPoint([p.lat, p.lon]);
      if (at.x < -RADIUS || at.y < -RADIUS || at.x > size.x + RADIUS || at.y > size.y + RADIUS) continue;
      // Square root: counts per cell are skewed, and a linear scale leaves all but the peak invisible.
      ctx.globalAlpha = Math.min(1, Math.max(0.12, Math.sqrt(p.w)));
      ctx.drawImage(this.disc, at.x - RADIUS, at.y - RADIUS);
    }
    const img = ctx.getImageData(0, 0, size.x, size.y);
    const d = img.data;
    for (let i = 0; i < d.length; i += 4) {
      const a = d[i + 3];
      if (!a) continue;
      d[i] = this.colours[a * 4];
      d[i + 1] = this.colours[a * 4 + 1];
      d[i + 2] = this.colours[a * 4 + 2];
      d[i + 3] = a < 6 ? 0 : Math.min(225, 95 + a);
    }
    ctx.putImageData(img, 0, 0);
  }
}
