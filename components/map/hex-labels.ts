import type L from 'leaflet';
import { CanvasOverlay } from './canvas-overlay';

export interface HexLabel {
  lat: number;
  lon: number;
  text: string;
  colour: string;
}

/** Count labels of the hexagons on one canvas above them: hundreds of DOM markers would cost more than the polygons. */
export class HexLabels extends CanvasOverlay {
  private labels: HexLabel[] = [];

  constructor(options: L.LayerOptions) {
    super('fw-hex-labels', options, true);
  }

  setLabels(labels: HexLabel[]): void {
    this.labels = labels;
    this.redraw();
  }

  protected paint(ctx: CanvasRenderingContext2D, map: L.Map, size: L.Point): void {
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const l of this.labels) {
      const at = map.latLngToContainerPoint([l.lat, l.lon]);
      if (at.x < 0 || at.y < 0 || at.x > size.x || at.y > size.y) continue;
      ctx.fillStyle = l.colour;
      ctx.fillText(l.text, at.x, at.y);
    }
  }
}
