import L from 'leaflet';

/**
 * A canvas the size of the map in one of its panes, redrawn by `paint` after every move and
 * resize and hidden while a zoom animates (the heat map and the hexagons' count labels).
 */
export abstract class CanvasOverlay extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;

  constructor(
    private readonly className: string,
    options: L.LayerOptions,
    /** Device pixels per CSS pixel: sharp text needs them; a blurred heat map does not. */
    private readonly hiDpi = false,
  ) {
    super();
    // L.Layer has no initializer of its own: without this the pane option is silently dropped.
    L.setOptions(this, options);
  }

  protected abstract paint(ctx: CanvasRenderingContext2D, map: L.Map, size: L.Point): void;

  onAdd(map: L.Map): this {
    const c = L.DomUtil.create('canvas', `${this.className} leaflet-zoom-hide`);
    c.setAttribute('aria-hidden', 'true');
    this.getPane()?.appendChild(c);
    this.canvas = c;
    map.on('moveend resize', this.redraw);
    this.redraw();
    return this;
  }

  onRemove(map: L.Map): this {
    map.off('moveend resize', this.redraw);
    this.canvas?.remove();
    this.canvas = null;
    return this;
  }

  readonly redraw = (): void => {
    const map = this._map as L.Map | undefined;
    const c = this.canvas;
    if (!map || !c) return;
    const size = map.getSize();
    const ratio = this.hiDpi ? window.devicePixelRatio || 1 : 1;
    c.width = size.x * ratio;
    c.height = size.y * ratio;
    c.style.width = `${size.x}px`;
    c.style.height = `${size.y}px`;
    L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
    const ctx = c.getContext('2d', { willReadFrequently: !this.hiDpi });
    if (!ctx || !size.x || !size.y) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    this.paint(ctx, map, size);
  };
}
