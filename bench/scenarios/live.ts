import { benchContext } from '../lib/browser';
import { metric } from '../lib/metric';
import { Rng } from '../lib/prng';
import { percentile } from '../lib/stats';
import { incidentBody } from './incident-body';
import { sharedBrowser } from './browser-map';
import { INSTRUMENT } from './page-probe';
import type { Scenario } from './types';

const POSTS = 12;

interface Probe {
  sse: { type: string; at: number; data: string }[];
  draws: number[];
  seen: Record<string, number>;
  alertItems: number[];
}

const now = () => performance.timeOrigin + performance.now();

/**
 * An open dashboard; each POST /api/incidents (a mass-casualty incident, so rules fire)
 * is timed until its SSE event arrives, its place text shows in the page, and an alert item
 * appears. Clocks: Node and Chromium share the machine's wall clock (performance.timeOrigin).
 */
export const liveScenario: Scenario = {
  name: 'live',
  async run(ctx, run) {
    const context = await benchContext(await sharedBrowser(), ctx.token);
    await context.addInitScript(INSTRUMENT);
    const page = await context.newPage();
    const client = await ctx.client(1);
    const rng = new Rng(ctx.args.seed * 13 + run);
    const sse: number[] = [];
    const visible: number[] = [];
    const alert: number[] = [];
    const marker: number[] = [];
    try {
      // The 100k window left open-ended, so incidents posted now are inside it.
      await page.goto(`${await ctx.baseUrl()}/?from=${ctx.window.from}`, { waitUntil: 'load' });
      await page.waitForTimeout(2500);
      for (let i = 0; i < POSTS; i++) {
        const tag = `bench live ${Date.now().toString(36)} ${i}`;
        await page.evaluate((key) => ((window as unknown as { __fw: Probe }).__fw.seen[key] = 0), tag);
        // Newest of all (so it tops the list) and deadly in Balochistan (so mass-casualty rules fire).
        const body = incidentBody(rng, tag, {
          location: tag,
          occurredAt: new Date().toISOString(),
          admin1: 'Balochistan',
          admin2: 'Quetta',
          country: 'PK',
          lat: 30.18,
          lon: 67.0,
          group: 'bla',
          killed: 60,
        });
        const sentAt = now();
        const r = await client.request('POST', '/api/incidents', body);
        if (r.status !== 201) throw new Error(`POST → ${r.status}: ${r.body.slice(0, 200)}`);
        const id = (JSON.parse(r.body) as { id: number }).id;
        // All three observations are awaited: the map draws on the frame after the DOM update, so
        // reading the probe as soon as the text and the alert show could miss a redraw by a frame.
        await page
          .waitForFunction(
            ([key, since]) => {
              const fw = (window as unknown as { __fw: Probe }).__fw;
              const event = fw.sse.find((e) => e.type === 'incident' && e.at >= since && e.data.includes(key));
              const redrawn = event !== undefined && fw.draws.some((d) => performance.timeOrigin + d > event.at);
              return fw.seen[key] > 0 && fw.alertItems.some((t) => t >= since) && redrawn;
            },
            [tag, sentAt] as const,
            { timeout: 5000, polling: 50 },
          )
          .catch(() => null);
        const probe = await page.evaluate(() => {
          const fw = (window as unknown as { __fw: Probe }).__fw;
          return { ...fw, draws: fw.draws.map((d) => performance.timeOrigin + d) };
        });
        const event = probe.sse.find((e) => e.type === 'incident' && e.at >= sentAt && e.data.includes(String(id)));
        sse.push(event ? event.at - sentAt : Number.NaN);
        // The map redraws its canvas markers once it has the new viewport data.
        const redraw = event ? probe.draws.find((d) => d > event.at) : undefined;
        marker.push(redraw === undefined ? Number.NaN : redraw - sentAt);
        visible.push(probe.seen[tag] > 0 ? probe.seen[tag] - sentAt : Number.NaN);
        const alertAt = probe.alertItems.find((t) => t >= sentAt);
        alert.push(alertAt === undefined ? Number.NaN : alertAt - sentAt);
        await page.waitForTimeout(300);
      }
    } finally {
      await context.close();
    }
    const p95 = (xs: number[]) => (xs.some(Number.isNaN) ? Number.POSITIVE_INFINITY : percentile(xs, 95));
    return [
      metric('live', 'POST → SSE incident event p95', 'ms', p95(sse), 'info', Number.NaN),
      metric('live', 'POST → map markers redrawn p95', 'ms', p95(marker), 'max', 100, {
        note: `${marker.filter(Number.isNaN).length}/${POSTS} never redrawn`,
      }),
      metric('live', 'POST → incident visible in page p95', 'ms', p95(visible), 'max', 100, {
        note: `${visible.filter(Number.isNaN).length}/${POSTS} never shown within 5 s`,
      }),
      metric('live', 'POST → alert item visible p95', 'ms', p95(alert), 'max', 100, {
        note: `${alert.filter(Number.isNaN).length}/${POSTS} never shown within 5 s`,
      }),
    ];
  },
};
