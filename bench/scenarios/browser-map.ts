import type { Browser } from '@playwright/test';
import { dayNumber } from '@/lib/time/zone';
import { benchContext, launchChromium } from '../lib/browser';
import { metric, type Metric } from '../lib/metric';
import { startStaticServer } from '../lib/static-server';
import { max } from '../lib/stats';
import { INSTRUMENT, inputToFrame, waitForMapRender } from './page-probe';
import { filterChangeMetrics } from './browser-filter';
import type { BenchContext, Scenario } from './types';

let browser: Browser | null = null;
let pointsJson: string | null = null;

export async function sharedBrowser(): Promise<Browser> {
  browser ??= await launchChromium();
  return browser;
}

export async function closeSharedBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

function windowPoints(ctx: BenchContext): string {
  if (!pointsJson) {
    const rows = ctx
      .db()
      .$client.prepare('SELECT lat, lon FROM incidents WHERE occurred_day BETWEEN ? AND ?')
      .raw()
      .all(dayNumber(ctx.window.from), dayNumber(ctx.window.to)) as [number, number][];
    pointsJson = JSON.stringify(rows);
  }
  return pointsJson;
}

/** Leaflet.markercluster first render of the same points at the product's initial viewport. */
async function markerclusterMs(ctx: BenchContext, b: Browser, view: { lat: number; lon: number; zoom: number }): Promise<number> {
  const server = await startStaticServer(ctx.args.port + 1, windowPoints(ctx));
  const page = await (await b.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  try {
    await page.goto(`${server.url}/markercluster.html?lat=${view.lat}&lon=${view.lon}&zoom=${view.zoom}`);
    const handle = await page.waitForFunction(() => (window as unknown as { __mcResult?: { renderMs: number } }).__mcResult, undefined, {
      timeout: 180_000,
      polling: 200,
    });
    const r = (await handle.jsonValue()) as { renderMs: number; points: number };
    ctx.log(`markercluster: ${r.points} points rendered in ${r.renderMs.toFixed(0)} ms`);
    return r.renderMs;
  } finally {
    await page.context().close();
    server.close();
  }
}

/** The dashboard map in Chromium with min(100k, N) incidents in the window, against markercluster. */
export const browserMapScenario: Scenario = {
  name: 'browser',
  async run(ctx) {
    const b = await sharedBrowser();
    const context = await benchContext(b, ctx.token);
    await context.addInitScript(INSTRUMENT);
    const page = await context.newPage();
    const out: Metric[] = [];
    try {
      await page.goto(`${await ctx.baseUrl()}/?from=${ctx.window.from}&to=${ctx.window.to}`, { waitUntil: 'load' });
      const r = await waitForMapRender(page);
      const firstRender = r.paintedAt - r.dataAt;
      const mapParams = new URL(r.mapUrl).searchParams;
      const [w, s, e, n] = (mapParams.get('bbox') ?? '60,23,76,38').split(',').map(Number);
      const view = { lat: (s + n) / 2, lon: (w + e) / 2, zoom: Number(mapParams.get('zoom') ?? 6) };
      const box = (await page.locator('.leaflet-container').first().boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      const frames: number[] = [];
      for (let i = 0; i < 4; i++) {
        await page.mouse.move(cx, cy);
        frames.push(await inputToFrame(page, () => page.mouse.wheel(0, i % 2 ? 240 : -240)));
        frames.push(
          await inputToFrame(page, async () => {
            await page.mouse.down();
            await page.mouse.move(cx + 120, cy + 60, { steps: 8 });
            await page.mouse.up();
          }),
        );
      }
      const after = await page.evaluate(() => {
        const fw = (window as unknown as { __fw: { longTasks: { duration: number }[] } }).__fw;
        return { nodes: document.getElementsByTagName('*').length, maxLongTask: fw.longTasks.reduce((m, t) => Math.max(m, t.duration), 0) };
      });
      const mc = await markerclusterMs(ctx, b, view);
      out.push(
        metric('browser', 'map first render after data', 'ms', firstRender, 'max', 1000, {
          baseline: { name: 'Leaflet.markercluster, same points', value: mc },
        }),
        metric('browser', 'markercluster ÷ map first render', '×', mc / firstRender, 'min', 5),
        metric('browser', 'pan/zoom input → next frame (max of 8)', 'ms', max(frames), 'max', 100),
        metric('browser', 'longest task (load + pan/zoom)', 'ms', Math.max(r.maxLongTask, after.maxLongTask), 'max', 200),
        metric('browser', 'DOM nodes (after pan/zoom)', 'nodes', Math.max(r.domNodes, after.nodes), 'max', 999),
      );
      // The dashboard as it opens (all time): filter changes until the four result views are painted.
      await page.goto(`${await ctx.baseUrl()}/`, { waitUntil: 'load' });
      await waitForMapRender(page);
      out.push(...(await filterChangeMetrics(page)));
    } finally {
      await context.close();
    }
    return out;
  },
};
